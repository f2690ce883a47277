/** Hash routes of the single-page app (the server serves index.html for /modeler/*). */

/** A screen of the app. */
export type Route =
  | { readonly name: 'editor'; readonly definitionId: string | null }
  | { readonly name: 'processes' }
  | { readonly name: 'definition'; readonly id: string }
  | { readonly name: 'instance'; readonly id: string };

/** Parses `location.hash`; unknown hashes open the editor. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'processes') return { name: 'processes' };
  if (parts[0] === 'definition' && parts[1]) return { name: 'definition', id: parts[1] };
  if (parts[0] === 'instance' && parts[1]) return { name: 'instance', id: parts[1] };
  return { name: 'editor', definitionId: params.get('definition') };
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'processes':
      return '#/processes';
    case 'definition':
      return `#/definition/${encodeURIComponent(route.id)}`;
    case 'instance':
      return `#/instance/${encodeURIComponent(route.id)}`;
    case 'editor':
      return route.definitionId ? `#/editor?definition=${encodeURIComponent(route.definitionId)}` : '#/editor';
  }
}

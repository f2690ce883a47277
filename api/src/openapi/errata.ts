/**
 * Known errors of the Camunda Platform 7.15 OpenAPI document, corrected before Baton derives
 * its own document or checks responses against it. Each entry says what Camunda actually
 * sends and accepts.
 */
import { nullableEnums } from './operation-matcher';

type Doc = {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
  components: { schemas?: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
};

/** Applies the corrections in place and returns the document. */
export function applyErrata<T>(doc: T): T {
  const schemas = (doc as unknown as Doc).components.schemas ?? {};
  // A variable's value (and a query condition's value) is any JSON value, not only an object.
  for (const name of ['VariableValueDto', 'ConditionQueryParameterDto']) {
    const value = schemas[name]?.properties?.value;
    if (value) {
      delete value.type;
      delete value.nullable;
    }
  }
  // The new and the current password travel in the JSON body (UserCredentialsDto), not in the query.
  const credentials = (doc as unknown as Doc).paths['/user/{id}/credentials']?.put;
  if (credentials?.parameters) credentials.parameters = credentials.parameters.filter((p) => p.in !== 'query');
  // GET /incident/count answers one CountResultDto object (IncidentRestService), not an array of them.
  const incidentCount = (doc as unknown as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> }).paths['/incident/count']?.get;
  const countBody = incidentCount?.responses?.['200']?.content?.['application/json'];
  if (countBody) countBody.schema = { $ref: '#/components/schemas/CountResultDto' };
  // A rule without parameters (PASSWORD_POLICY_USER_DATA) has `parameter: null`, as Camunda's own example shows.
  const rule = schemas.PasswordPolicyRuleDto?.properties?.parameter;
  if (rule) rule.nullable = true;
  return nullableEnums(doc);
}

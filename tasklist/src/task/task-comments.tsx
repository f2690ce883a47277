/**
 * Comments on a task: the list, oldest first, and a form to add one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { CommentDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { formatDateTime } from '../ui/format';
import { errorText } from '../ui/notice';

/** Comments of a task. */
export function TaskComments({ taskId }: { taskId: string }) {
  const api = useApi();
  const [comments, setComments] = useState<CommentDto[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.comments(taskId).then(setComments, (err: unknown) => setError(errorText(err)));
  }, [api, taskId]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      const c = await api.addComment(taskId, text.trim());
      setComments((cs) => [...cs, c]);
      setText('');
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="comments">
      {comments.length === 0 ? <p className="muted">No comments yet.</p> : (
        <ul>
          {comments.map((c) => (
            <li key={c.id}>
              <p className="comment-meta"><strong>{c.userId ?? 'someone'}</strong> <span className="muted small">{formatDateTime(c.time)}</span></p>
              <p className="comment-text">{c.message}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="comment-form">
        <label htmlFor="comment-text">Add a comment</label>
        <textarea id="comment-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} />
        <button type="submit" disabled={!text.trim()}>Add comment</button>
      </form>
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

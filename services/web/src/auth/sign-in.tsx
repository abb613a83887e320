import { useState, type FormEvent } from 'react';
import { AccessTokenError, readSession, type Session } from './access-token';

interface Props {
  readonly onSignIn: (session: Session) => void;
}

export function SignIn({ onSignIn }: Props) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      onSignIn(readSession(token, Date.now() / 1000));
    } catch (e) {
      setError(e instanceof AccessTokenError ? e.message : 'The token cannot be read.');
    }
  };

  return (
    <main className="sign-in">
      <h1>Customer segments</h1>
      <form onSubmit={submit} className="panel" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        <p>Paste your access token. Locally, <code>npm run demo</code> prints one, or run <code>npm run token -- --role analyst</code>.</p>
        <label htmlFor="token">Access token</label>
        <textarea id="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} aria-invalid={error !== null} aria-describedby={error ? 'token-error' : undefined} />
        {error && <p id="token-error" role="alert" className="error">{error}</p>}
        <button type="submit" disabled={token.trim() === ''}>Sign in</button>
      </form>
    </main>
  );
}

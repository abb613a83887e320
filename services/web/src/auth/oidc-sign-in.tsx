interface Props {
  /** Where people sign in, shown so they know whose page comes next. */
  readonly provider: string;
  readonly message: string | null;
  readonly onSignIn: () => void;
}

/** AUTH_MODE=oidc: one button to the organisation's sign-in page; nothing to paste. */
export function OidcSignIn({ provider, message, onSignIn }: Props) {
  return (
    <main className="sign-in">
      <h1>Customer segments</h1>
      <section className="panel" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        <p>Sign in with your organisation&apos;s account ({new URL(provider).host}).</p>
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        <button type="button" onClick={onSignIn}>
          Sign in
        </button>
      </section>
    </main>
  );
}

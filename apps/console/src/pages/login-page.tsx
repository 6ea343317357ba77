import { useState } from 'preact/hooks';
import { useSession } from '../model-context';

export function LoginPage() {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const busy = session.busy.value;
  const error = session.error.value;

  return (
    <main class="login">
      <form
        class="login-card"
        onSubmit={(event) => {
          event.preventDefault();
          void session.signIn(email, password).then((ok) => {
            if (!ok) setPassword('');
          });
        }}
      >
        <h1>Parley</h1>
        <p class="muted">Sign in to answer your visitors.</p>
        <label for="login-email">Email</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button-primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

// The admins' GraphQL explorer. Plain browser JavaScript, loaded after React 18, ReactDOM 18 and GraphiQL 3
// (their UMD bundles, served by the gateway). No inline script, no third-party origin, and the tokens live in
// this closure only: never in web storage or a cookie.
(function explorer() {
  'use strict';

  const h = React.createElement;
  const DEFAULT_QUERY = 'query {\n  adminPing {\n    ok\n    at\n  }\n}\n';
  const GRAPHIQL_STORAGE_PREFIX = 'graphiql:';

  /** The signed-in session: { accessToken, refreshToken | null, email | null, source: 'login' | 'token' }. */
  let session = null;

  async function postJson(path, body, token) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    const res = await fetch(path, {
      method: 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    let json = null;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    return { status: res.status, json };
  }

  function errorText(result, fallback) {
    const error = result.json && result.json.error;
    if (error && error.code === 'OTP_REQUIRED') return 'This account uses two-factor authentication: enter the one-time code.';
    if (error && typeof error.message === 'string') return error.message;
    return fallback + ' (HTTP ' + result.status + ')';
  }

  /** Trades the refresh token for a new pair (rotation); false when the session is over. */
  async function refresh() {
    if (!session || !session.refreshToken) return false;
    const result = await postJson('/auth/refresh', { refreshToken: session.refreshToken });
    if (result.status !== 200 || !result.json || !result.json.accessToken) return false;
    session.accessToken = result.json.accessToken;
    session.refreshToken = result.json.refreshToken || null;
    return true;
  }

  /** Who the token belongs to; null when the gateway refuses it. */
  async function whoAmI(token) {
    const result = await postJson('/graphql', { query: 'query ExplorerWhoAmI { me { id email } }' }, token);
    const me = result.json && result.json.data && result.json.data.me;
    return result.status === 200 && me ? me : null;
  }

  function forgetGraphiqlState() {
    try {
      for (let i = window.sessionStorage.length - 1; i >= 0; i -= 1) {
        const key = window.sessionStorage.key(i);
        if (key && key.startsWith(GRAPHIQL_STORAGE_PREFIX)) window.sessionStorage.removeItem(key);
      }
    } catch {
      // storage unavailable: nothing to forget
    }
  }

  function SignIn(props) {
    const [email, setEmail] = React.useState('');
    const [password, setPassword] = React.useState('');
    const [otp, setOtp] = React.useState('');
    const [token, setToken] = React.useState('');
    const [busy, setBusy] = React.useState(false);
    const [error, setError] = React.useState(props.notice || '');

    async function signIn(event) {
      event.preventDefault();
      setBusy(true);
      setError('');
      try {
        const body = { email: email.trim(), password };
        if (otp.trim()) body.otp = otp.trim();
        const result = await postJson('/auth/login', body);
        if (result.status !== 200 || !result.json || !result.json.accessToken) {
          setError(errorText(result, 'Sign-in failed'));
          return;
        }
        setPassword('');
        props.onSession({
          accessToken: result.json.accessToken,
          refreshToken: result.json.refreshToken || null,
          email: email.trim(),
          source: 'login',
        });
      } catch {
        setError('The gateway could not be reached.');
      } finally {
        setBusy(false);
      }
    }

    async function useToken(event) {
      event.preventDefault();
      const pasted = token.trim().replace(/^Bearer\s+/i, '');
      if (!pasted) return;
      setBusy(true);
      setError('');
      try {
        const me = await whoAmI(pasted);
        if (!me) {
          setError('The gateway refused this token (expired, revoked or malformed).');
          return;
        }
        setToken('');
        props.onSession({ accessToken: pasted, refreshToken: null, email: me.email, source: 'token' });
      } catch {
        setError('The gateway could not be reached.');
      } finally {
        setBusy(false);
      }
    }

    function field(id, label, type, value, set, extra) {
      return h(
        'label',
        { className: 'explorer-field', htmlFor: id },
        h('span', null, label),
        h('input', Object.assign({ id, name: id, type, value, onChange: (e) => set(e.target.value), disabled: busy }, extra)),
      );
    }

    return h(
      'main',
      { className: 'explorer-signin' },
      h('h1', null, 'GraphQL explorer'),
      h(
        'p',
        { className: 'explorer-lead' },
        'For administrators. Sign in, or paste an access token. Tokens are kept in this tab\u2019s memory only.',
      ),
      error ? h('p', { className: 'explorer-error', role: 'alert', id: 'explorer-error' }, error) : null,
      h(
        'form',
        { id: 'explorer-login', onSubmit: signIn, noValidate: false },
        field('explorer-email', 'Email', 'email', email, setEmail, { autoComplete: 'username', required: true }),
        field('explorer-password', 'Password', 'password', password, setPassword, { autoComplete: 'current-password', required: true }),
        field('explorer-otp', 'One-time code (if two-factor is on)', 'text', otp, setOtp, {
          autoComplete: 'one-time-code',
          inputMode: 'numeric',
        }),
        h('button', { type: 'submit', id: 'explorer-signin-button', disabled: busy }, busy ? 'Signing in\u2026' : 'Sign in'),
      ),
      h('p', { className: 'explorer-or' }, 'or'),
      h(
        'form',
        { id: 'explorer-token', onSubmit: useToken },
        h(
          'label',
          { className: 'explorer-field', htmlFor: 'explorer-token-input' },
          h('span', null, 'Access token'),
          h('textarea', {
            id: 'explorer-token-input',
            name: 'token',
            rows: 3,
            value: token,
            onChange: (e) => setToken(e.target.value),
            disabled: busy,
            spellCheck: false,
            autoComplete: 'off',
          }),
        ),
        h('button', { type: 'submit', id: 'explorer-token-button', disabled: busy }, 'Use token'),
      ),
    );
  }

  function Explorer(props) {
    const onExpired = props.onExpired;
    const fetcher = React.useMemo(
      () =>
        async function fetcher(params, options) {
          const send = () =>
            fetch('/graphql', {
              method: 'POST',
              // Editor headers first; ours last, so the editor cannot drop the token or the JSON content type
              // (Apollo's CSRF prevention refuses "simple" requests).
              headers: Object.assign({}, (options && options.headers) || {}, {
                'content-type': 'application/json',
                accept: 'application/json',
                authorization: 'Bearer ' + (session ? session.accessToken : ''),
              }),
              body: JSON.stringify(params),
              credentials: 'omit',
              cache: 'no-store',
            });
          let res = await send();
          if (res.status === 401 && (await refresh())) res = await send();
          if (res.status === 401) onExpired();
          return res.json();
        },
      [onExpired],
    );

    return h(
      'div',
      { className: 'explorer-app' },
      h(
        'header',
        { className: 'explorer-bar' },
        h('strong', null, 'GraphQL explorer'),
        h(
          'span',
          { className: 'explorer-who', id: 'explorer-who' },
          props.session.email ? 'Signed in as ' + props.session.email : 'Using a pasted token',
        ),
        h('button', { type: 'button', id: 'explorer-signout', onClick: props.onSignOut }, 'Sign out'),
      ),
      h(
        'div',
        { className: 'explorer-graphiql' },
        h(GraphiQL, {
          fetcher,
          defaultQuery: DEFAULT_QUERY,
          // Tabs and history last as long as this browser tab; headers are never persisted.
          storage: window.sessionStorage,
          shouldPersistHeaders: false,
          defaultEditorToolsVisibility: false,
        }),
      ),
    );
  }

  function App() {
    const [current, setCurrent] = React.useState(null);
    const [notice, setNotice] = React.useState('');

    const start = React.useCallback((next) => {
      session = next;
      setNotice('');
      setCurrent(next);
    }, []);

    const end = React.useCallback((message) => {
      const ending = session;
      session = null;
      forgetGraphiqlState();
      setNotice(message || '');
      setCurrent(null);
      // A session this page opened is closed on the server too; a pasted token belongs to someone else's
      // session (the SPA's, say) and is only forgotten.
      if (ending && ending.source === 'login') postJson('/auth/logout', undefined, ending.accessToken).catch(() => undefined);
    }, []);

    const callbacks = React.useMemo(
      () => ({ onSignOut: () => end('Signed out.'), onExpired: () => end('Your session has ended. Sign in again.') }),
      [end],
    );

    if (!current) return h(SignIn, { onSession: start, notice });
    return h(Explorer, { session: current, onSignOut: callbacks.onSignOut, onExpired: callbacks.onExpired });
  }

  ReactDOM.createRoot(document.getElementById('explorer')).render(h(App));
})();

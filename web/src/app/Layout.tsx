import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { CONSOLE_ROLES, hasAnyRole, useAuth } from '../auth/AuthProvider';

export const PRODUCT_NAME = 'Chat Bot Pro V2';

/** The frame every page lives in: skip link, header with the product name and navigation, main, footer. */
export function Layout() {
  const { status, viewer, signOut } = useAuth();
  const navigate = useNavigate();
  const signedIn = status === 'signed-in' && viewer !== null;

  async function signOutNow() {
    await signOut();
    void navigate('/login', { replace: true });
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              CB
            </span>
            <span className="brand__name">{PRODUCT_NAME}</span>
          </Link>
          <nav aria-label="Main" className="nav">
            <ul className="nav__list">
              <li>
                <NavLink to="/" end className="nav__link">
                  Status
                </NavLink>
              </li>
              {signedIn ? (
                <>
                  <li>
                    <NavLink to="/account" className="nav__link">
                      Account
                    </NavLink>
                  </li>
                  {hasAnyRole(viewer, CONSOLE_ROLES) ? (
                    <li>
                      <NavLink to="/console" className="nav__link">
                        Console
                      </NavLink>
                    </li>
                  ) : null}
                </>
              ) : status === 'signed-out' ? (
                <>
                  <li>
                    <NavLink to="/login" className="nav__link">
                      Sign in
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/register" className="nav__link">
                      Create account
                    </NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
          {signedIn ? (
            <div className="user-menu">
              <span className="user-menu__email" title={viewer.email}>
                {viewer.email}
              </span>
              <button type="button" className="button" onClick={() => void signOutNow()}>
                Sign out
              </button>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <p className="muted">{PRODUCT_NAME}</p>
      </footer>
    </div>
  );
}

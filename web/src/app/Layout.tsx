import { Link, NavLink, Outlet } from 'react-router';

export const PRODUCT_NAME = 'Chat Bot Pro V2';

/** The frame every page lives in: skip link, header with the product name and navigation, main, footer. */
export function Layout() {
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
            </ul>
          </nav>
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

import { NavLink, Outlet } from 'react-router';
import { useIsAdmin } from './console-access';

/** The admin console's frame: its sub-navigation beside the page. */
export function ConsoleLayout() {
  const isAdmin = useIsAdmin();
  return (
    <div className="section-layout">
      <nav aria-label="Console">
        <ul className="subnav__list">
          <li>
            <NavLink to="/console" end className="nav__link">
              Overview
            </NavLink>
          </li>
          <li>
            <NavLink to="/console/users" className="nav__link">
              Users
            </NavLink>
          </li>
          <li>
            <NavLink to="/console/audit" className="nav__link">
              Audit log
            </NavLink>
          </li>
          {isAdmin ? (
            <li>
              {/* Served by the gateway (not a route of this app), and for admins only: a full page load. */}
              <a href="/explorer" className="nav__link">
                GraphQL explorer
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="stack">
        <Outlet />
      </div>
    </div>
  );
}

import { NavLink, Outlet } from 'react-router';

const SECTIONS = [
  { to: '/account', label: 'Profile', end: true },
  { to: '/account/credentials', label: 'Password and email', end: false },
  { to: '/account/security', label: 'Security', end: false },
  { to: '/account/sessions', label: 'Sessions and devices', end: false },
  { to: '/account/invitations', label: 'Invitations', end: false },
] as const;

/** The frame of /account: the account's sub-navigation beside (on phones: above) the page. */
export function AccountLayout() {
  return (
    <div className="section-layout account">
      <nav aria-label="Account" className="subnav">
        <ul className="subnav__list">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end} className="nav__link">
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="stack">
        <Outlet />
      </div>
    </div>
  );
}

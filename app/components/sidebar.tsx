'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/graphs', label: 'Graphs', icon: '◇' },
  { href: '/runs', label: 'Runs', icon: '▶' },
  { href: '/collections', label: 'Collections', icon: '▤' },
  { href: '/datasets', label: 'Datasets', icon: '✓' },
  { href: '/endpoints', label: 'Endpoints', icon: '⇄' },
  { href: '/workers', label: 'Workers', icon: '⚙' },
];

export function Sidebar() {
  const pathname = usePathname();
  return (
    <nav className="sidebar" aria-label="Main">
      <Link href="/graphs" className="brand" title="Ragraph">
        <span className="brand-mark" aria-hidden>
          ◆
        </span>
        <span className="nav-label">Ragraph</span>
      </Link>
      <ul>
        {LINKS.map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link href={link.href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined} title={link.label}>
                <span className="nav-icon" aria-hidden>
                  {link.icon}
                </span>
                <span className="nav-label">{link.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <a className="nav-link api-link" href="/api/v1/docs?signin" title="API reference">
        <span className="nav-icon" aria-hidden>
          {'{}'}
        </span>
        <span className="nav-label">API reference</span>
      </a>
    </nav>
  );
}

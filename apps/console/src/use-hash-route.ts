import { useEffect, useState } from 'preact/hooks';

/**
 * The console's pages by URL hash (`#/settings`), so a page can be linked and survives a reload
 * while the relay serves one index.html for every path.
 */
export function useHashRoute(): string {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

export const SETTINGS_ROUTE = '#/settings';
/** Inside the desk (its socket stays up): identity verification, for admins. */
export const IDENTITY_ROUTE = '#identity';

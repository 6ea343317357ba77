import { useEffect, useState } from 'preact/hooks';

/** The page's `location.hash` (`#identity`), kept current: the console's few pages are hash links, so the desk's socket stays up between them. */
export function useHashRoute(): string {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const update = () => setHash(location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}

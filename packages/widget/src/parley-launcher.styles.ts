/**
 * The bubble's styles. Themeable through `--parley-accent`, `--parley-accent-text`,
 * `--parley-launcher-size`, `--parley-offset` and `::part(launcher)` / `::part(badge)`. Logical
 * properties, so the host's `dir` (set from the widget's language) mirrors the corner and the badge;
 * so does a side set in the console (configure()). The bubble is a pill, round
 * while the label is empty. The focus ring is
 * dark blue over a white halo, so it shows on light and dark pages alike (3:1 non-text contrast).
 */
export const launcherStyles = `
:host{position:fixed;inset-inline-end:var(--parley-offset,20px);bottom:var(--parley-offset,20px);z-index:var(--parley-z-index,2147483000);display:block}
button{all:unset;box-sizing:border-box;position:relative;display:grid;grid-auto-flow:column;gap:8px;place-items:center;cursor:pointer;padding:0 15px;
min-width:var(--parley-launcher-size,56px);height:var(--parley-launcher-size,56px);border-radius:999px;
background:var(--parley-accent,var(--parley-site-color,#2563eb));color:var(--parley-accent-text,var(--parley-site-accent-text,#fff));box-shadow:0 4px 14px #0004}
button:focus-visible{outline:3px solid var(--parley-focus-ring,#1d4ed8);outline-offset:2px;box-shadow:0 0 0 2px #fff}
svg{width:26px;height:26px;fill:currentColor}
[part=badge]{position:absolute;top:-4px;inset-inline-end:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;
border-radius:10px;background:var(--parley-badge,#dc2626);color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}
[hidden]{display:none}
.sr{position:absolute;clip-path:inset(50%);white-space:nowrap}
`;

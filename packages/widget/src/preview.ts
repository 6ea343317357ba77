/**
 * The widget's real elements for the console's live preview of a site's settings: the console
 * defines them on its own page and drives them without a relay (a scripted socket answers the
 * chat's hello with the draft settings). Customers' pages get the widget from dist/, never this.
 */
export { defineChat, ParleyChat } from './parley-chat';
export { defineLauncher, ParleyLauncher } from './parley-launcher';
export { launcherConfig, launcherStyle } from './launcher-style';
export { pickLanguage } from './language';

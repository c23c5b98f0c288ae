/**
 * Mantine writes a drawer's or dialog's header as <header>, which axe reads as a second banner
 * landmark next to the site's own. Spread on Drawer.Header / Modal.Header, this makes it a div.
 */
export const notABanner = { component: 'div' } as object;

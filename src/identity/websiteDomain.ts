/** The registrable host of a website or URL typed by hand ("https://www.Acme.com/", "acme.com"), or null. */
export function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  const host = website.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#:].*$/, '').replace(/^www\d{0,1}\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

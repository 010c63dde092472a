/**
 * Mailbox providers anyone can sign up to: an address there says nothing about an employer, so
 * these domains never become company domains or account links.
 */
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.co.jp', 'yahoo.com.br',
  'ymail.com', 'rocketmail.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.es', 'hotmail.it', 'outlook.com',
  'outlook.de', 'outlook.fr', 'live.com', 'live.co.uk', 'live.fr', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'gmx.de',
  'gmx.net', 'gmx.com', 'gmx.at', 'web.de', 't-online.de', 'freenet.de', 'proton.me', 'protonmail.com', 'pm.me', 'mail.com', 'zoho.com',
  'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', '126.com', 'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'wanadoo.fr',
  'libero.it', 'virgilio.it', 'btinternet.com', 'sky.com', 'comcast.net', 'verizon.net', 'att.net', 'bigpond.com', 'rediffmail.com',
  'uol.com.br', 'bol.com.br', 'terra.com.br', 'ziggo.nl', 'kpnmail.nl', 'telefonica.net', 'fastmail.com', 'hey.com', 'tutanota.com',
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain);
}

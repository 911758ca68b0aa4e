import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl, fullSiteUrl, isEmbedMode } from '../../src/lib/routing/embed.ts';

describe('embeddable commune view', () => {
  it('recognises ?mode=integration only', () => {
    expect(isEmbedMode('?mode=integration')).toBe(true);
    expect(isEmbedMode('mode=Integration&x=1')).toBe(true);
    expect(isEmbedMode('?mode=kiosque')).toBe(false);
    expect(isEmbedMode('')).toBe(false);
  });

  it('builds the iframe address from the profile page, dropping the hash query (filters, mode)', () => {
    expect(embedUrl('https://carte.example.gouv.fr/?x=1#/commune/13047?mode=public&de=2020', '13047')).toBe('https://carte.example.gouv.fr/?x=1&mode=integration#/commune/13047');
    expect(embedUrl('https://carte.example.gouv.fr/app/?mode=integration#/commune/13005', '13047')).toBe('https://carte.example.gouv.fr/app/?mode=integration#/commune/13047');
  });

  it('links the embedded view to the full site (same page, without the mode)', () => {
    expect(fullSiteUrl('https://carte.example.gouv.fr/?mode=integration#/commune/13047')).toBe('https://carte.example.gouv.fr/#/commune/13047');
  });

  it('writes an iframe snippet with escaped attributes', () => {
    const html = embedSnippet('https://c.fr/?mode=integration#/commune/13047', 'Fonds de revitalisation à "Istres" <b>');
    expect(html).toBe('<iframe src="https://c.fr/?mode=integration#/commune/13047" title="Fonds de revitalisation à &quot;Istres&quot; &lt;b&gt;" width="100%" height="720" style="border:0;max-width:100%" loading="lazy" referrerpolicy="no-referrer"></iframe>');
  });
});

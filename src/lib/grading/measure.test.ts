import { describe, expect, it } from 'vitest';
import { pageJudgeContext } from './measure.ts';

describe("the page's judge context", () => {
  it("fetches a site model's model.json from under the site base, then the weights file it names, beside it", async () => {
    const asked: string[] = [];
    const files: Record<string, BodyInit> = {
      'https://e.org/tinker/models/m/model.json': JSON.stringify({ weightsManifest: [{ paths: ['w.bin'], weights: [] }] }),
      'https://e.org/tinker/models/m/w.bin': new Uint8Array([1, 2, 3]),
    };
    const fetchFile = (url: string | URL | Request) => {
      asked.push(String(url));
      const body = files[String(url)];
      return Promise.resolve(body === undefined ? new Response('', { status: 404 }) : new Response(body));
    };
    const context = pageJudgeContext('https://e.org/tinker/data/', fetchFile as typeof fetch);
    const model = await context.siteModel!('models/m/model.json');
    expect(asked).toEqual(['https://e.org/tinker/models/m/model.json', 'https://e.org/tinker/models/m/w.bin']);
    expect(model.modelJson).toEqual({ weightsManifest: [{ paths: ['w.bin'], weights: [] }] });
    expect(Array.from(new Uint8Array(model.weights))).toEqual([1, 2, 3]);
    await expect(context.siteModel!('models/missing/model.json')).rejects.toThrow(
      'https://e.org/tinker/models/missing/model.json could not be downloaded (HTTP 404)',
    );
    files['https://e.org/tinker/models/two/model.json'] = JSON.stringify({ weightsManifest: [{ paths: ['a.bin', 'b.bin'] }] });
    await expect(context.siteModel!('models/two/model.json')).rejects.toThrow('does not name one weights file');
  });
});

import { echarts } from './echarts.ts';
import { regionMapFiles } from './map-files.ts';

interface Feature {
  properties: { adcode: number | string; name: string };
}

const loaded = new Map<string, Promise<Map<string, string>>>();

/**
 * Registers the map of a region's subdivisions with ECharts under the region's code, once, and gives the names of
 * its subdivisions by code. The codes become strings, the form the orgs carry.
 */
export function loadRegionMap(regionCode: string): Promise<Map<string, string>> {
  let promise = loaded.get(regionCode);
  if (!promise) {
    promise = fetch(regionMapFiles[regionCode]!)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        return response.json() as Promise<{ type: string; features: Feature[] }>;
      })
      .then((geoJson) => {
        for (const feature of geoJson.features) feature.properties.adcode = String(feature.properties.adcode);
        echarts.registerMap(regionCode, geoJson as unknown as Parameters<typeof echarts.registerMap>[1]);
        return new Map(geoJson.features.map((feature) => [String(feature.properties.adcode), feature.properties.name]));
      });
    promise.catch(() => loaded.delete(regionCode));
    loaded.set(regionCode, promise);
  }
  return promise;
}

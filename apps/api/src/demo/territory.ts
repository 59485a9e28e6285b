import type { PolygonGeometry, ZoneClass } from '@gd/domain';

/**
 * Demo territory around Changsha (长沙), Hunan: the urban core on both banks of the Xiang river, a rural ring,
 * and the remote mountains of Dawei Shan (大围山, east) and Wei Shan (沩山, west). Rectangles keep it legible;
 * real zones come from the utility's GIS as GeoJSON polygons of any shape.
 */
export interface DemoZone {
  id: string;
  name: string;
  district: string;
  zoneClass: ZoneClass;
  /** [minLat, minLng, maxLat, maxLng] */
  box: [number, number, number, number];
}

export const DEMO_ZONES: DemoZone[] = [
  {
    id: 'CS-U-YL',
    name: '岳麓城区',
    district: '岳麓区',
    zoneClass: 'urban',
    box: [28.12, 112.88, 28.28, 112.95],
  },
  {
    id: 'CS-U-KF',
    name: '开福城区',
    district: '开福区',
    zoneClass: 'urban',
    box: [28.22, 112.95, 28.28, 113.08],
  },
  {
    id: 'CS-U-FR',
    name: '芙蓉城区',
    district: '芙蓉区',
    zoneClass: 'urban',
    box: [28.17, 112.95, 28.22, 113.02],
  },
  {
    id: 'CS-U-TX',
    name: '天心城区',
    district: '天心区',
    zoneClass: 'urban',
    box: [28.12, 112.95, 28.17, 113.02],
  },
  {
    id: 'CS-U-YH',
    name: '雨花城区',
    district: '雨花区',
    zoneClass: 'urban',
    box: [28.12, 113.02, 28.22, 113.08],
  },
  {
    id: 'CS-R-WC',
    name: '望城农村',
    district: '望城区',
    zoneClass: 'rural',
    box: [28.28, 112.65, 28.45, 113.3],
  },
  {
    id: 'CS-R-CSX',
    name: '长沙县农村',
    district: '长沙县',
    zoneClass: 'rural',
    box: [27.95, 113.08, 28.28, 113.3],
  },
  {
    id: 'CS-R-NX',
    name: '宁乡农村',
    district: '宁乡市',
    zoneClass: 'rural',
    box: [27.95, 112.65, 28.28, 112.88],
  },
  {
    id: 'CS-R-MY',
    name: '暮云农村',
    district: '天心区',
    zoneClass: 'rural',
    box: [27.95, 112.88, 28.12, 113.08],
  },
  {
    id: 'CS-M-DWS',
    name: '大围山山区',
    district: '浏阳市',
    zoneClass: 'remote',
    box: [27.95, 113.3, 28.45, 113.65],
  },
  {
    id: 'CS-M-WS',
    name: '沩山山区',
    district: '宁乡市',
    zoneClass: 'remote',
    box: [27.95, 112.35, 28.45, 112.65],
  },
];

export function boxPolygon([minLat, minLng, maxLat, maxLng]: DemoZone['box']): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLng, minLat],
        [maxLng, minLat],
        [maxLng, maxLat],
        [minLng, maxLat],
        [minLng, minLat],
      ],
    ],
  };
}

export const DEMO_CENTER = { lat: 28.195, lng: 112.98 };

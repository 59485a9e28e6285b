import type { Messages } from '@gd/web';

export const mapZh: Messages = {
  map: {
    pickHint: '在地图上点击故障地点，或直接填写经纬度',
    inZone: '{{zoneClass}} · {{district}}（{{zone}}）',
    outside: '该位置不在供电服务区域内，无法受理报修',
    noTiles: '未配置底图：仅显示区域轮廓',
    drawHint: '在地图上依次点击停电范围的各个拐点（至少 3 个）',
    corners: '已点 {{n}} 个拐点',
    undo: '撤销上一点',
    clear: '清除',
    tooFew: '停电范围至少需要 3 个拐点',
    tooMany: '拐点太多（最多 {{max}} 个）',
    crossing: '范围的边相互交叉，请按顺序沿边界点击',
  },
};

export const mapEn: Messages = {
  map: {
    pickHint: 'Click the place on the map, or type the coordinates',
    inZone: '{{zoneClass}} · {{district}} ({{zone}})',
    outside: 'This place is outside the service territory: no repair order can be taken there',
    noTiles: 'No base map configured: zones only',
    drawHint: 'Click the corners of the outage area on the map, in order (at least 3)',
    corners: '{{n}} corners',
    undo: 'Undo last corner',
    clear: 'Clear',
    tooFew: 'An outage area needs at least 3 corners',
    tooMany: 'Too many corners (at most {{max}})',
    crossing: 'The edges cross: click the corners in order along the boundary',
  },
};

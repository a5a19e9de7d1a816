// The charts' look, matching the design tokens (fonts, greys, a colour-blind-safe categorical palette).

export const palette = [
  '#1f5fd1',
  '#e07b00',
  '#1c8a5a',
  '#c2327a',
  '#6f42c1',
  '#0f8b9c',
  '#8a6d00',
  '#d14b3d',
  '#4a5563',
];

export const chartTheme = {
  color: palette,
  backgroundColor: 'transparent',
  textStyle: {
    fontFamily:
      "'Pretendard', 'Apple SD Gothic Neo', 'Noto Sans KR', 'Noto Sans CJK KR', 'Malgun Gothic', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    color: '#17202b',
  },
  categoryAxis: {
    axisLine: { lineStyle: { color: '#aab3bf' } },
    axisTick: { show: false },
    axisLabel: { color: '#4a5563' },
    splitLine: { show: false },
  },
  valueAxis: {
    axisLine: { show: false },
    axisLabel: { color: '#4a5563', hideOverlap: true },
    splitLine: { lineStyle: { color: '#e6e9ee' } },
    nameTextStyle: { color: '#4a5563' },
  },
  timeAxis: {
    axisLine: { lineStyle: { color: '#aab3bf' } },
    axisLabel: { color: '#4a5563' },
    splitLine: { show: false },
  },
  legend: { textStyle: { color: '#17202b' } },
  tooltip: {
    backgroundColor: '#ffffff',
    borderColor: '#d9dee5',
    textStyle: { color: '#17202b' },
    extraCssText: 'box-shadow: 0 4px 12px rgb(16 24 40 / 10%); border-radius: 8px;',
  },
};

/** Escapes text for ECharts' HTML tooltips. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

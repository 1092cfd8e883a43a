// ECharts with only what the inspection charts use (line and bar charts, their axes, tooltip, legend and
// mark lines, drawn as SVG). Imported dynamically by EChart, so it is a chunk of its own.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export { echarts };

import { floorMetric } from './metrics/floor';
import { forwardingMetric } from './metrics/forwarding';
import { hopLatencyMetric } from './metrics/hopLatency';
import { joinToFirstFrameMetric } from './metrics/joinToFirstFrame';
import { serverCostMetric } from './metrics/serverCost';
import type { MetricModule } from './types';

/**
 * Every metric of `npm run bench`, in run order. A new metric is one module added here.
 *
 * Not here: metric 6 of issue 9 (adaptive-tile bandwidth against subscribe-everything). It needs
 * the adaptive video that is still being built; it gets its module once that lands, rather than
 * a stand-in that would measure something else.
 */
export const metricModules: readonly MetricModule[] = [forwardingMetric, floorMetric, hopLatencyMetric, joinToFirstFrameMetric, serverCostMetric];

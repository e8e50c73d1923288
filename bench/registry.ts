import { adaptiveBandwidthMetric } from './metrics/adaptiveBandwidth';
import { floorMetric } from './metrics/floor';
import { forwardingMetric } from './metrics/forwarding';
import { hopLatencyMetric } from './metrics/hopLatency';
import { joinToFirstFrameMetric } from './metrics/joinToFirstFrame';
import { serverCostMetric } from './metrics/serverCost';
import { videoRecoveryMetric } from './metrics/videoRecovery';
import type { MetricModule } from './types';

/** Every metric of `npm run bench`, in run order. A new metric is one module added here. */
export const metricModules: readonly MetricModule[] = [
  forwardingMetric,
  floorMetric,
  hopLatencyMetric,
  joinToFirstFrameMetric,
  serverCostMetric,
  adaptiveBandwidthMetric,
  videoRecoveryMetric,
];

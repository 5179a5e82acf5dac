export { Counter, createMetrics, Gauge, Histogram, httpMetricsMiddleware, Registry } from './metrics.js';
export type { ServiceMetrics } from './metrics.js';

/**
 * Model monitoring: computes a monitor's signals (data drift, prediction drift, data quality, model
 * performance) from an endpoint's collected production data against a baseline data asset, renders
 * the HTML report and delivers alerts to webhooks. Implements core's
 * {@link org.mloop.core.monitoring.MonitorEngine}.
 */
package org.mloop.monitor;

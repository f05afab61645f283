package org.mloop.studio.pages;

/** The static scripts a page with charts loads after its content: ECharts and the studio's charts script. */
public record ChartScripts(String echarts, String charts) {}

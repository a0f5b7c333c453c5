/** The dashboard's charts, one chunk (recharts): loaded by dashboard.tsx while its data is fetched. */
export { ActivitiesChart } from "./activities-chart.tsx";
export { AttendanceCharts } from "./attendance-charts.tsx";

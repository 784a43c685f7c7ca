/**
 * Chart.js, registered with only what the console draws (bars and lines). Imported dynamically by dsd-chart, so it
 * is a chunk of its own that the field app never downloads.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--dsd-font') || 'sans-serif';
Chart.defaults.animation = false;

export { Chart };

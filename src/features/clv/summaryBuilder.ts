import { growFloat64Array } from '../../db/growFloat64Array.js';
import type { CalibrationSummary } from './calibrationSummary.js';

/** Columns of a summary being filled, grown as pages arrive. */
export class SummaryBuilder {
  readonly customerIds: string[] = [];
  private x = new Float64Array(1024);
  private tx = new Float64Array(1024);
  private T = new Float64Array(1024);
  private zbar = new Float64Array(1024);
  private holdout = new Float64Array(1024);

  add(customerId: string, x: number, tx: number, T: number, zbar: number, holdout: number): void {
    const i = this.customerIds.length;
    if (i === this.x.length) {
      const size = 2 * i;
      this.x = growFloat64Array(this.x, size);
      this.tx = growFloat64Array(this.tx, size);
      this.T = growFloat64Array(this.T, size);
      this.zbar = growFloat64Array(this.zbar, size);
      this.holdout = growFloat64Array(this.holdout, size);
    }
    this.x[i] = x;
    this.tx[i] = tx;
    this.T[i] = T;
    this.zbar[i] = zbar;
    this.holdout[i] = holdout;
    this.customerIds.push(customerId);
  }

  build(): CalibrationSummary {
    const n = this.customerIds.length;
    return {
      customerIds: this.customerIds,
      x: this.x.slice(0, n),
      tx: this.tx.slice(0, n),
      T: this.T.slice(0, n),
      zbar: this.zbar.slice(0, n),
      holdoutPurchases: this.holdout.slice(0, n),
      customersFirstSeenLater: 0,
    };
  }
}

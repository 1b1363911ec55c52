/** Measuring detection against labels: ROC-AUC, PR-AUC, precision and recall at a budget and per typology. */
package io.txmon.evaluation;

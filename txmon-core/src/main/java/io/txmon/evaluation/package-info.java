/**
 * Measuring detection against labels: ROC-AUC, PR-AUC, precision and recall at a budget and per typology,
 * per transaction ({@link io.txmon.evaluation.Evaluation}) or per account for data sets that label accounts
 * ({@link io.txmon.evaluation.AccountScores}).
 */
package io.txmon.evaluation;

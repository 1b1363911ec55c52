/**
 * Public labelled data sets from other generators, converted into txmon's own files so that detection can
 * be judged on data it was never tuned on: the ULB fraud handbook's simulated card transactions, PaySim and
 * IBM AMLSim. {@link io.txmon.formats.datasets.Conversion} runs one conversion; each data set's mapping is
 * described on {@link io.txmon.formats.datasets.PublicDataSet} and in {@code docs/public-data.md}.
 */
package io.txmon.formats.datasets;

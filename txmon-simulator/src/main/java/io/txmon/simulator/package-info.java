/**
 * A seeded generator of realistic, labelled activity: ordinary customers, businesses and employers,
 * with fraud and money-laundering typologies injected among them, for tuning and evaluating txmon.
 * {@link io.txmon.simulator.Simulator#simulate} turns {@link io.txmon.simulator.SimulationSettings} into
 * {@link io.txmon.simulator.SimulatedData}; everything else in the package is how the world is drawn
 * (see {@code docs/simulator.md}).
 */
package io.txmon.simulator;

/**
 * A seeded generator of realistic, labelled activity: ordinary customers, businesses and employers,
 * with fraud and money-laundering typologies injected among them, for tuning and evaluating txmon.
 */
package io.txmon.simulator;

/** Analytics for analysts: tables refreshed from transactions and decisions after each run, and reads of them. */
package io.txmon.analytics;

/** The alert queue over HTTP: list, view and review alerts. */
package io.txmon.service.alerts;

/**
 * The one vocabulary of the hardware's activity: component kinds ({@link
 * org.xbarsim.vocabulary.ComponentKind}) and their actions ({@link org.xbarsim.vocabulary.Action}),
 * defined once and used as they are by the hardware model, the trace (whose dictionary is written
 * from their keys), the cost model and the reports. No dependencies.
 */
package org.xbarsim.vocabulary;

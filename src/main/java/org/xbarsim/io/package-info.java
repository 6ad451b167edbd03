/** Small file helpers shared by every part that writes files (atomic replace). */
package org.xbarsim.io;

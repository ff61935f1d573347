package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.background
import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.size
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.shared.AreaResultView
import org.networkedcouncillor.shared.ChartView

/**
 * Score per area as horizontal bars, this attempt (filled) beside the last (outlined), so the
 * two differ by more than colour. The labels are text, so they grow with the font size. For
 * TalkBack the chart is one element: the core's summary of every score.
 */
@Composable
fun ResultChart(chart: ChartView, areas: List<AreaResultView>) {
    val colours = listOf(MaterialTheme.colorScheme.primary, MaterialTheme.colorScheme.outline)
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Heading(chart.title)
        Column(
            modifier = Modifier.clearAndSetSemantics { contentDescription = chart.summary },
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            Legend(chart.series, colours)
            areas.forEach { area ->
                Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
                    Paragraph(area.title, style = MaterialTheme.typography.bodyMedium)
                    Bar(area.score, chart.max, colours[0], filled = true)
                    val previous = area.previous
                    if (previous != null && chart.series.size > 1) {
                        Bar(previous, chart.max, colours[1], filled = false)
                    }
                }
            }
        }
    }
}

@Composable
private fun Legend(series: List<String>, colours: List<Color>) {
    Row(horizontalArrangement = Arrangement.spacedBy(16.dp)) {
        series.forEachIndexed { index, name ->
            Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                Swatch(colours[index % colours.size], filled = index == 0)
                Text(name, style = MaterialTheme.typography.bodyMedium)
            }
        }
    }
}

@Composable
private fun Bar(value: UInt, max: UInt, colour: Color, filled: Boolean) {
    val fraction = (value.toFloat() / max.coerceAtLeast(1u).toFloat()).coerceIn(0.02f, 1f)
    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Box(modifier = Modifier.weight(1f)) {
            Box(
                modifier = Modifier
                    .fillMaxWidth(fraction)
                    .height(16.dp)
                    .then(if (filled) Modifier.background(colour) else Modifier.border(BorderStroke(2.dp, colour))),
            )
        }
        Text(value.toString(), style = MaterialTheme.typography.bodyMedium)
    }
}

@Composable
private fun Swatch(colour: Color, filled: Boolean) {
    Box(
        modifier = Modifier
            .size(14.dp)
            .then(if (filled) Modifier.background(colour) else Modifier.border(BorderStroke(2.dp, colour))),
    )
}

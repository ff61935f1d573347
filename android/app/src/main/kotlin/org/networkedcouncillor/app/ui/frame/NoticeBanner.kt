package org.networkedcouncillor.app.ui.frame

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.background
import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.NoticeView
import org.networkedcouncillor.shared.Tone

/** A notice from the core ("Success", "There is a problem"), announced as it appears. */
@Composable
fun NoticeBanner(notice: NoticeView) {
    val tint = notice.tone.tint()
    Column(
        modifier = Modifier
            .fillMaxWidth()
            .background(tint.copy(alpha = 0.12f), RoundedCornerShape(12.dp))
            .border(BorderStroke(2.dp, tint), RoundedCornerShape(12.dp))
            .padding(16.dp)
            .semantics { liveRegion = LiveRegionMode.Polite },
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Heading(notice.title)
        Paragraph(notice.text)
        ActionButton(notice.dismiss, prominence = Prominence.Link)
    }
}

private fun Tone.tint(): Color = when (this) {
    Tone.INFO -> Tints.Information
    Tone.SUCCESS -> Tints.Positive
    Tone.ERROR -> Tints.Negative
}

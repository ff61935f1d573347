package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.size
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.HorizontalDivider
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.BuildConfig
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.TextEntry
import org.networkedcouncillor.app.ui.components.TextForm
import org.networkedcouncillor.shared.Event
import org.networkedcouncillor.shared.JoinView

/**
 * Joining a council's programme with a code, or adding this device to an account with a
 * pairing code from another device. Both go to the server address typed here, which starts as
 * the address this build was made for (gradle.properties: nc.defaultServer).
 */
@Composable
fun JoinSection(join: JoinView) {
    val send = LocalSendEvent.current
    var server by rememberSaveable { mutableStateOf(join.server.value.ifEmpty { BuildConfig.DEFAULT_SERVER }) }
    var code by rememberSaveable { mutableStateOf(join.code.value) }
    var pairCode by rememberSaveable { mutableStateOf(join.pairCode.value) }
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Heading(join.heading, level = Level.Subsection)
        Paragraph(join.text)
        join.busy?.let { busy -> Busy(busy) }
        TextEntry(join.server, server, { server = it }, KeyboardType.Uri)
        TextForm(
            field = join.code,
            value = code,
            onValueChange = { code = it },
            onSubmit = { send(Event.Join(server, code)) },
            busy = join.busy,
        )
        HorizontalDivider()
        Heading(join.pairHeading, level = Level.Subsection)
        Paragraph(join.pairText)
        TextForm(
            field = join.pairCode,
            value = pairCode,
            onValueChange = { pairCode = it },
            onSubmit = { send(Event.PairEvent(server, pairCode)) },
            keyboardType = KeyboardType.Ascii,
            busy = join.busy,
        )
    }
}

/** "Please wait…" while a request is out, announced as it appears. */
@Composable
fun Busy(text: String) {
    Row(
        modifier = Modifier.semantics(mergeDescendants = true) { liveRegion = LiveRegionMode.Polite },
        horizontalArrangement = Arrangement.spacedBy(12.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        CircularProgressIndicator(modifier = Modifier.size(20.dp))
        Paragraph(text)
    }
}

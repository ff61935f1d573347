package org.networkedcouncillor.app.ui.components

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.shared.TextFieldView

/**
 * A labelled text field from the view model's [TextFieldView]. What is typed stays the shell's
 * until it is sent: the one kind of event a shell builds itself (docs/adr/0001).
 */
@Composable
fun TextEntry(
    field: TextFieldView,
    value: String,
    onValueChange: (String) -> Unit,
    keyboardType: KeyboardType = KeyboardType.Text,
    onDone: (() -> Unit)? = null,
) {
    OutlinedTextField(
        value = value,
        onValueChange = onValueChange,
        label = { Text(field.label) },
        supportingText = if (field.hint.isEmpty()) null else ({ Text(field.hint) }),
        singleLine = true,
        keyboardOptions = KeyboardOptions(
            keyboardType = keyboardType,
            autoCorrectEnabled = false,
            imeAction = if (onDone == null) ImeAction.Next else ImeAction.Done,
        ),
        keyboardActions = KeyboardActions(onDone = { onDone?.invoke() }),
        modifier = Modifier.fillMaxWidth(),
    )
}

/** A text field with its submit button: a name, a code. Disabled while [busy] is set. */
@Composable
fun TextForm(
    field: TextFieldView,
    value: String,
    onValueChange: (String) -> Unit,
    onSubmit: () -> Unit,
    keyboardType: KeyboardType = KeyboardType.Text,
    busy: String? = null,
) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        TextEntry(field, value, onValueChange, keyboardType, onDone = onSubmit)
        OutlinedButton(onClick = onSubmit, enabled = busy == null, modifier = Modifier.fillMaxWidth()) {
            Text(field.saveLabel)
        }
    }
}

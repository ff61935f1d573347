-- Deleting is what makes a code one-time: the same transaction adds the device.
DELETE FROM pairing_codes
WHERE code = ?1

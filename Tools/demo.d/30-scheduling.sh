# Scheduling: test an opening_hours string, book a weekly slot (skipping holidays), see what is free.
step "Is this availability string valid, and when is it open in Christmas week?" \
  "$BIN" hours intervals "Mo-Th 17:00-22:00; Sa,Su 09:00-17:00; PH off" --from 2026-12-21T00:00 --to 2026-12-28T00:00
step "Nibe Kor books the school hall every Tuesday evening this season (public holidays skipped)" \
  "$BIN" book nibe-skole-aula --from 2026-08-18T19:00 --to 2026-08-18T21:00 --holder "Nibe Kor" --activity adults --repeat weekly --until 2027-06-29
step "A second association asks for the same Tuesday: refused with exit 3, nothing written" \
  sh -c "'$BIN' book nibe-skole-aula --from 2026-09-01T19:30 --to 2026-09-01T21:00 --holder 'Nibe Skakklub' || echo \"exit code \$?\""
step "What is still free in that hall on Tuesday 1 September 2026" \
  "$BIN" free nibe-skole-aula --from 2026-09-01T00:00 --to 2026-09-02T00:00
"$BIN" bookings nibe-skole-aula --format ics > out/nibe-skole-aula.ics

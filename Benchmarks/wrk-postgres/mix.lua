-- Booking mix: 60 % near, 20 % a room's bookings for a week, 20 % a booking of a random hour.
-- TOKENS (file of API tokens, one a line) and SEED come from the environment.
local rooms = {"hovedbiblioteket-i-aalborg-moedelokale","vejgaard-oestre-skole-gymnastiksal","mellervangskolen-gymnastiksal","seminarieskolen-aula","aalborg-handelsskole-turoegade-aula","aktivitetscenter-vejgaard-faellessal","foreningernes-hus-gug-moedelokale-1","noerre-uttrup-skole-gymnastiksal","ungdomsklubben-noerresundby-musiklokale","aktivitetscenter-svenstrup-faellessal","aktivitetscenter-nibe-faellessal","vodskov-skole-klasselokale-a","storvorde-sejlflod-skole-musiklokale","vestbjerg-skole-klasselokale-a","hals-skole-musiklokale","vadumhallen-hal-b","sulstedhallen-moedelokale","soenderholm-skole-gymnastiksal","gudumholmhallen-hal-b","sejlflod-sognegaard-moedesal"}
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", tonumber(os.getenv("SEED") or "1") * 100 + counter)
end
function init(args) math.randomseed(seed) end
function request()
  local r = math.random()
  local room = rooms[math.random(#rooms)]
  if r < 0.6 then
    return wrk.format("GET", "/api/near?place=9.92,57.05&limit=5")
  elseif r < 0.8 then
    return wrk.format("GET", "/api/bookings?room=" .. room .. "&from=2027-05-03T00:00&to=2027-05-10T00:00")
  end
  local month, day, hour = math.random(1, 12), math.random(1, 28), math.random(10, 14)
  local body = string.format('{"room":"%s","start":"2028-%02d-%02dT%02d:00","end":"2028-%02d-%02dT%02d:00"}', room, month, day, hour, month, day, hour + 1)
  return wrk.format("POST", "/api/bookings", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]}, body)
end

"""Place names that are also ordinary lower-case English words.

Generated once (not at run time) as the intersection of the one-word names
of the gazetteer with the lower-case entries of the SCOWL-derived American
English word list of Debian's ``wamerican`` package (size 50; SCOWL is
copyright Kevin Atkinson and others and may be used, copied and distributed
for any purpose). Written capitalised, these words are usually the ordinary
word at the start of a sentence, in a headline or inside a name ("Section 8",
"Iron Dome"), so the geoparser asks for more evidence before taking them as
places.
"""

DICTIONARY_PLACE_WORDS = frozenset("""
a abate abbey abridge abut acacias academy accord achy acme acre acreage add admiralty ado adobes
advance afar agar agency ago ague ail aim air airport ajar akin alabaster alas albino ale ales alga
alibi alit alkali allege alley alliance aloha alone along alpha alpine altar alter alto altos amber
amble amen amir amity ampere anaconda anchorage anchovy anew angel angels anger angered angers angle
angles angora ani annex anon ant antelope anthem antique antlers anus any apace ape apex apples apt
aquaria aquarium arbutus arc arcade arch archangel archer arches arching archway arctic are area
arena arenas ares argyle aria arias arks armada armadillo aroma aromas arrest arroyo arroyos arsenal
art artillery arty as asbestos ascension ascot ash ask asp aspen assent assumption astrakhan ate
atlas auburn auditorium august aura auras awash awe awry axis ay aye azure b baa babel bacon bad
bade badger bag bagatelle bah bail bailing bake baker bale baling balk balky ball ballast ballots
balm balsa balsas bamboo ban banana band bandana bane banes bang banged bangs bani banister banjo
bank banks banner banning bantam bar barber barbing bard bare barge baring barium bark barker
barking barley barman barn baron barrage barren barrens barrios barrow bars basalt base basic basil
basin basing bass bassi basso bast baste bat bate bates bath batik battle battlefield battleground
batty baud bawl bay baying beach beaches beacon bean bear beaux beaver bed bedbug bee beech beer
beers beets beg began begun bell belle bells belt bend bender bent berg berry best bet beta betting
bevel bias bicker bid biding bier big bigger bight biking bile billed billet billings billy bimbo
bin binder binges bingo birch bishop bison bites biting bittern blackjack blacks blacksmiths blades
bland blarney blast blat bled blend blender blessing bliss blond bloom bloomer blossom bluff bluffs
blur boar boas bode bodega bodkins boga boggy bogie boil bola bolder bole boll bologna bolt bonanza
bonbon bond bone bong bongo bonito bonny bony boo book boom boomerang boon boons boos boot booth
border bore born borne boron borsch bossier bot botany bottom bottoms bouillon boulder boundary
bountiful bourbon bow bower bowling bowman box bra brad brain brains brake bran branch brand bras
brash brass brassy brat bravo bray brays breakers breakwater bred brewer brewers briar brick bride
brides bridge bridges brier brig brigantine bright brilliant brims brine broach broke bronco brook
brooks brown browning bruin brush brusque buck buckeye buckram bucks buckwheat bud buffalo bugle
bullet bullion bulls bully bum bun buncombe bung bungalow bur burden burg burka burn burns burr
burrow burs burst bury bus busby bush bushmen busing buss bust busy but butler butt butte butterfly
buttermilk buttes buy cab cabana cabanas cabaret cacao cache cactus cage cairns caisson cal calabash
calamity calcium caller calliope callow callus calypso camber came camp camps cams can canal canals
canaries candor cane canes canning canoe canoes canon cant canton cantor canyon cape caper capital
car caraway carbon carbonate cardigan carding care carefree cargo caribou carnation carp carpenter
carpi carrion carry cars carver cascade cases cash cashmere casino casinos cassia cassino cast
castanet caster castle castor cat cathedral causeway cavalier cave caves cayenne cedar celebration
cell cement centenary centennial center central cents centurion century cerise chad chafe chagrin
chair chalet chamber chamberlain chambers chambray chamois champ champagne champion champs chance
chancy chandler change chap chaparral char charge chars chase chat checkpoint cheddar chevron chi
chichis chile chili chilly chin china chinchilla chinking chino chipping choir chop chore chum
church cicadas circa circle cis citadel cite citrus city clans claret clarion clay clefs clemency
clever cliffs climax clit clones clot cloud clover cloverleaf coal coaling coats cobra cockatoo
cocoa cod codas cognac cohort coin col cola college collie colliers cologne colon colony columbine
coma comas combine combs come comer comet comfort comma commerce commissioner common commonwealth
communal communism compendium competition compound conception concession conches concise concord
concrete condom condor cone confederation confines confluence congas congress conservation
consolation constitution content contention contest continental convent converse conversion convoy
coo cook cooks cool cooling cooper cop cope cordon cork corn cornea corners cornier corning
cornucopia corny corona coronation corporation corpus corral cot cotes cottage cotter cottonwood
couches council countryside course court cousins cove coven coves coward cowards cox coyote coyotes
cranberry crane crap crater cray creek creel crescent crest crick cricket crinkle crone crook crooks
crossing crossings crossroads crucible cruet crystal ct cube cults culture cumming curry cut cutoff
cuts cygnet cypress d dab dad dado dados daisy dale dam damask dame damp damps dandy dare dares
darling date daunt dauphin davenport dawn daze deadwood deal dean deb debar debark deep deer
defiance deforest delay deli delis delta delve demo democrat dent dents deport deposit derby desk
devises dial diamond dibble dick dicks die dig dike dill dilly dim dimer dingy dining diorama dip
dire dirks dis discovery diss diva divan divas dives divide do doc dock docking dodge doffing dogs
dogwood dole dollar dolphin dome dominion don dongle doom dooms dosing dot dour downer downs
downtown drag drain drains drakes drama dresser drew driver dromedary drone dross drowning drug drum
dry dual dub ducats dud due duets dug duke dun dunes dung dunning duns duping dusty dyer ea eagle
ear earl early earnest earth eastern ebbs echelon echo eclectic economy ecru ed eddy eel effort egg
eke elbow elixir elk ell elm emblem emerald emery eminence emirates emo empire emporia emporium ems
encamp energetic energy engineer enigma ensue ensues enter enterprise entrance equality era eras
erode err espy essay ester eta eureka evens ever evergreen excel exchange exhibition experiment
export eye fairway fairyland faith falcon falconer fall falls fan fang far fare farina farmers
farmland farms fat fate fawn federal federation felicity felines fell felling fem fen fer ferns
ferret fertile fey fez fiche fiddlesticks fie fife fig filler finale fines finis fireworks firth
fiscal fisher fishers fishhook flagstaff flashing flats flea flee fleet flesh flint flocking flora
florin floss flukes flushing fonts fora force ford fords fore foreman fores forest forge forges
forks fort forth fortune fossil foster fouler fountain four fours fowling fox frank freedom freehold
freeman freer fresco freshwater friend friendly friendship frier from front frost fry fully fuming
fun furnace fussing fussy gait gal gala gale galena gall gallant gals gaming gamma gamut gamy gander
gang gap garb garden gardenia gardens garland garner garnet garnish garrison garrote gas gasket
gassing gates gateway gay gaze gees gel gem gen genes gent gentry germinal gets gibbon gibbons gill
gills gin ginseng give glad glades gland glen glide globe glove go god goes going gold golden
goldenrod golf gondola gone gonna goodwill google gooseberry gore gored gores gorge gorges goring
gory gosh gossip got grab grabs grace graces grad graft grain gram granary grand grandson grange
granges granite grant grants grapevine grass gratis grave graven gray grays green greenback greens
grenade griffin grill grim grimes grin grins grit groom gross grottoes grove groves grub grues guano
guessing guide guinea guise gums gunning guns guru gut guy gypsum ha hacienda hackney hag haiku hail
hake hale hales halfway hall hallow halls halt ham hamlet hammer hammocks handy hang hank happy
harbor hard harden hardy hare harem haring harm harmony harp harrow hart harts harvest hassocks
haste hasting hat hatch hatchery hatting haven hawker hawks hawthorn hay hays hazard headland
headlands headquarters headstone healing heard heath heather heaths hector heel heist hell helper
hem hemlock hemlocks hemp henpeck herald heritage hermitage hero heron hexing hey hickory hideaway
hideout highland highlands highway highways hill hillier hills hillside hilltop hims hinge hinges
hippo hire hit ho hobo hock hocking holder hole holiday holler hollow holly homburg home homeland
homer homestead homesteader homesteads hometown hominy honcho hone honey hood hook hooker hooks hop
hope horde horn horns horseshoe hosanna hose hospital hot hour hove hub huddle hue huff hula hull
hum human humble hums humus hunt hunter hunting hurricane hurt hut hwy hydra ibis icicle ids ifs ii
imperial incline independence industry inland inning ins int intercourse iota irate iron is island
isle isles ivy jabot jack jackpot jade jam japan jar jars jasper jaw jay jelling jello jerky jersey
jib jingle jingling jinxing job joiner joy jubilee jug junco juncos junction junior juniper juntas
jury just justice k kale kapok karakul karma keel keen keener ken kens key keys keystone khan kill
killdeer kiln kilo kin kinder kindred king kingfisher kings kissing kit kite kiting klutz knees
knock krone lab label labor laces lack lacrosse lacy lad lag lake lakes lam lama lamas lame lampoon
lancing lander landfall landing landmark lane lap lapel laps largo lariat larkspur larva laser lases
lash lat latitude latte lattes laurel lavender law lawn lay laze lazy lea lead leader lean leap lee
leech leek leer leers lees leg legacy lei lemme lemon lemur lend lender lens lent lessen level lever
levy lib liberal liberation liberty lice lichen lick licking lid lids lie liege lien liens lignite
liking limbo lime limerick limestone liming limit limo limos linden line linen linger lint lints
lion lions lira lire lisle list lit liter lively lives lizard llama llamas llano lo loan loans lob
lobe location lock locking locust lode lodes log logo logon logos lone long look lookout loon loop
loose lop lopes lorn lorry loss lot lover loving lowlands loyal luau lube luck lucky lucre lug lung
lunge lupin lure luring lush luster lye lynch ma mace mackinaw mad madam made madras madrasa
madrigal magazine magenta magnesia magnet magnolia mahogany maiden maidenhead maidens mailing maize
major make makes male males mall mallet mallow mama mammoth man manage mane manes manga mange manger
mango mania manly manna manning manor mans mansion mantel mantes mantilla many maraca maracas
marathon marble march marches mare mares margarita margaritas maria marimba marina marine marines
mark market marks marlin marlins marquise marrow mars marsh marshal marshes mart marten martin
martinet martinis martins marts marvel mas mascara mascot mason massacre massing mast matador mate
maul maw maximum may mayflower mayo maze me mead meadow meadows means mecca mechanic med media
medias medley medulla meek meeker meeting megalopolis melon meme men mending mentor mercury mercy
mere meres meridian merino merinos merit mermaid mesa mescal meshed mesquite mess messy met meta
metal mete meter metes metro metropolis mica mid midland midlands midstream midtown midway mien mil
mile miler miles mill miller millers millet mills mils mime miming min mind mine miner mining minis
minister minor minster minus mire mires missal mission mite mkay mo mobile mocha mod model modern
mogul moires mold mole moll molten monster monument moody moon moor moorings moos mop mope moping
moraine moral more mores morocco moron morrow morrows morsel mos mosquito mosquitos moss mosses most
moth motley mottling mound mounds mountain mountainside mountaintop mu much mud muddy muff mulberry
mullion murk muscat muse mush muskrat mussel mussy mustang muster muting mutters myna myrtle mystic
nag nails name narrows nary nasal natal naval nave naves nay nearest neath neck needle needles neon
neptunium nest net never newborn newcomers newel newton newtons nice nil nimbi nine nit nix noble
nods noel noisy non none noonday normal north northeast northern northward northwest nose nova novae
novas nut nutrias oaks oar oasis oblong occasion occidental oceanic ocher odder ode of off officer
ogre oil okay olden oleo omega on one onset op opal opera opportunity ops opus or oracle oral orange
oratorio oratorios orchard orchards ore ores orient oriental osprey otter oust ousted outer outing
outlook over overland oversee own oxbow oxford pa pace pacific pacing pack pact page pail pains
paint painter paisley pal palazzo pale paling palisade palisades palladium palling palls palmetto
palms palmy palomino pals pampas pan panacea panda pandas pane pang panhandle panic panorama pant
pantheon pap papa papas papaya paper par parabola parachute paradise paragon paramount parches
parchment pare parent pares park parks parkway parole pars parse parsons part partizan pas pasha
passage pasta pastas paste pat patch pate patrol patsy pavilion paw pawing pawpaw pay pea peace peak
pearl peck pecs peculiar peel peeling peer peerless pegs pelican pelt pelves pen penal pencil
penguin peninsula peon per perches perish perk perm perseverance pert pest pet petal peters pets
petting peyote phoenix phone piano piazza piazze pica picayune pier pierce pies pigeon pike pile
piles pill pin pinch pine pines pining pinion pink pinnacle pinto pioneer pipes piranha piranhas
pirate pita piton placer plain plains plan planes plans plantation plaque plate plateau platen plaza
pleasant plenty plop plot plover plugin plum plunge plunges plus pocking point poking pol pole
police poll polling pollywogs polo pols pond ponder ponds pool pop pope poplar poplin popular
porches porcupine pore port portage portal porter portico poses posing posse posses possession post
postal potteries potters potting pouch pound pout powers pram prate pray presto prey price prickly
prim prince principal pristine privateer proclamation proctor proctors progress project promontory
propel prospect prosper prosperity prosperous proton proven providence provost pry puck pueblo pug
puke pukes puma pun punch purchase pure pusher put pyramid qua quack quart quarter quarto quay
queens quiches raccoon race radium radon raga rage raglan raiding rail rain rainbow rainier raja
rake ram rams ran random range ranger rapid rapids rash rate ravel ravels raven ravine ray rayon
rays razes re reach reading real ream reborn receiving record recovery rector red redemption redhead
redwood reeds reek reeves reform rehab rein reis reliance repose reps republic research reserve
reservoir rest retreat reunion rev revel revere rho rib rice rich rid riddle riddles ride rider
ridge riding rifle rig rim rims rind ring ringlet ripe rise risen river rivers riverside rivet road
roan rob robe robins rock rocks rod rode rodent rodeo roe roebuck roes rogers roles rolls romaine
roman root rose rosebud rosemary roses rosette rosewood rot rote rots rotunda rouge roulette
roundabout roundup rouse row royal rps rube rude rue rugby rule rum run rung ruse rush rusk rust
rustic rye sable sabres sac sachet sack sad sadly sag saga sagas sagebrush sago sahib said sail
saints sake saki salads salamis sale sales saline salines sally salmon salon salt salute salve samba
sambas same sampans samples sand sandbank sanders sands sandstone sandwich sandy sane sap sapphire
sari saris sarong sassafras sassier satin sating sauce sauces saucier savage savanna savannah save
sawmill sawmills saws sax say scant scatters scenic schooner scissors scone scurry sea seaboard
seaman searchlight sears seaside sec secretary section sector sedan see seem seen seer sees sell
sells semaphore semen semi send senna sent sentinel sera seraglio sere serest serpentine servant
serves servo set settle settlement seven sever severance shack shading shaft shag shale shaman
shamrock shanghai shape shaping share shared sharpness she sheering shell shepherd sherry shields
shilling shim shin shiner shingle shipyard shit shoals shone shoo shore shoreline shortens shot
shove shudder shush shut shy shyly sic side siding sierra sigma signboard signpost silly silo silos
silt silvan sim simian simmering sims sin since sine sing singer singleton sinning sins sir sire
siren sis sisal sissy sisters sitters situ sixteen ski skit skull sky skyline slap slashes slaughter
sledge slide slope slough smelter smile smiley smith smiths smock snits snow snowflake snug
soapstone soars sober soda soften sol solarium sole soli solitude solo son song sore sores sorrel
sort sorts sos sot soul sour sours souse south southern soy spa sparks spas spat spates spatula spay
speedway spike spire spires split spoken spray spring springs spry spur spy squawk sriracha stables
stagecoach stains stall stamp stamps staple staples star stark start startup stat states station
stave steadfast steep stein steps sterling stern sterna sterns stiles still stilling stock stoke
stoker stokes stone stoner stoners stonewall store story stow strand straw strawberry street strong
strum sturgeon sublimity success sue sued sues sully sulphur sultan sultana summer summerhouse
summit sumo sunbeam sunburn sunders sundown sunflower sung sunning sunrise sunset sunshine superior
supreme surf surges surprise surrey swallow swamp swan sway sweet sweets swisher switch swords
sycamore sylvan tab tabu tactic tad tadpole tailing taker taking tale talent tales talisman tall
tallow talon tam tamale tame tamer tamest tampon tams tan tangent tangerine tangier tango tank
tanner tans tap tape tapes taping tapping taps tar tare taro tarp tars tartar tasty tat taut tavern
tbs tea teakettle tell temperance tempi temple ten tender tendon tenon tent tequila terminal termini
terminus terrace terry than thatcher them thermal thorn thrall thunderbolt thy tiara tic tie tiers
tiling till tilt timberland timbre time timer tin ting tire tires tiring tiro tiros tit titan
titling to toast toga tokes toll tom tomahawk tombstone tome ton tone tong tongue tool tooting tor
tore torn tornado torrent tors torso tost tote totes tour tours tower trail train trainer
tranquility tranquillity trans transit trap tray tree tress tresses trial triangle tribune tricolor
trident trim trinity trio trip triumph troll tron trooper tropic troublesome trough troupe troy
trundle truss try tsunami tub tuba tubas tube tucker tug tulle tumble tun tuna tunas tundra tune
tuner tunes turkey turn turner turtle tussling tutu tux tweed twin twist tyro tyros union unity
university upland uplands uptown us used uses usher utopia vale valence valentine valley valor van
vans var vars varsity vary vase veld verdigris verges verier vermilion vermillion vernal verve
vesper vest veteran veto vex vi viburnum vicar vice victor victory vie villa village villages villas
vim vine vines vineyard vineyards viol viola violet viols virgin visa vise vista vogue vol volcano
vols voters wad wade wadi waging wagoner wail waits wake waldo wales waling walk walker wall walling
walls walnut wampum wan wangle wanna war ward warden warder wards ware warez warn warns warren
warrior wary wash washer watchtower waterfront waterproof waterways watt wave waver waxing way ways
we wean weasel weaver weavers wed wedding weed week weer wees weir welch welcome well welling
wellington wells welsh welt wen were west westerly western wetter wharf wheeler wheeling wheelwright
whetstone whistler white whitefish whites whiting wick wigeon wilder wilderness wildflower wile
willow willows windfall wines wing wink winner winters wiry wise withers woken woodbine woodland
woodlands woods wool worms worth wrangle wrens wright wrist xor yam yarn ye yea yen yens yew yoga
yore young zap zeal zebra zens zephyr zero zest zincing zing zone zoo
""".split())

package demo

// Demo content for `convene seed --demo`. Everything here is fictional:
// the organisations, people, councils, venues and addresses are invented for
// Convene. Websites use example.org.uk and email addresses use example.org,
// so nothing here reaches a real person.
//
// The organisations of every hub are listed in the same order of roles, so
// that an agenda item's PresenterIndex means the same kind of organisation
// in every hub:
//
//	0  funded project: lived-experience peer support for people sleeping rough
//	1  funded project: peer mentoring for women leaving prison
//	2  funded project: recovery community
//	3  funded project: young people's housing
//	4  specialist organisation: domestic abuse service
//	5  specialist organisation: trauma-informed training co-operative
//	6  network: local homelessness forum
//	7  network: peer support network
//	8  commissioner: council housing / homelessness commissioning team
//	9  other: evaluation partner or community foundation
//	10 varies by hub (a further funded project or specialist organisation)
//
// Demo event templates only use presenter indices 0–9.

// DemoHub is a regional learning hub in the demo data.
type DemoHub struct {
	// Slug is the hub's unique URL name, e.g. "north-east".
	Slug string
	// Name is the hub's display name.
	Name string
	// Region is the English region the hub covers.
	Region string
	// TimeZone is the hub's IANA time zone.
	TimeZone string
	// Description is two or three sentences about the hub.
	Description string
	// Organisations are the hub's member organisations, ordered by role
	// (see the comment at the top of this file).
	Organisations []DemoOrganisation
	// Coordinator runs the hub.
	Coordinator DemoPerson
	// Evaluator reads the hub's reports and exports.
	Evaluator DemoPerson
	// Venues are meeting places offered by member organisations.
	Venues []DemoVenue
}

// DemoOrganisation is a member organisation of a demo hub.
type DemoOrganisation struct {
	// Name is the organisation's display name.
	Name string
	// Kind is one of funded_project, specialist_organisation, network,
	// commissioner, other.
	Kind string
	// Website is the organisation's (fictional) website, on example.org.uk.
	Website string
	// Description is one to three sentences in the organisation's own voice.
	Description string
	// Members are people affiliated with the organisation.
	Members []DemoPerson
}

// DemoPerson is a person in the demo data.
type DemoPerson struct {
	// Name is the person's full name.
	Name string
	// Email is lower-case ASCII, at an example.org domain, and unique across
	// all demo data.
	Email string
}

// DemoVenue is a meeting place offered by a hub member.
type DemoVenue struct {
	// Name is the venue's name.
	Name string
	// Address is the street address, ending with a UK postcode.
	Address string
	// HostIndex is the index into the hub's Organisations of the
	// organisation offering the venue.
	HostIndex int
}

// DemoEventTemplate is an event the demo seeder can place in any hub.
type DemoEventTemplate struct {
	// Title is the event's title.
	Title string
	// Summary is two to four sentences describing the event.
	Summary string
	// Format is one of in_person, online, hybrid.
	Format string
	// Topics are topic slugs: peer-support-delivery, safeguarding,
	// boundaries-of-peer-support, trauma-informed-approaches,
	// intersectionality, sustainability, future-funding.
	Topics []string
	// Audiences are who the event is for: peer_support_workers,
	// practitioners, commissioners, lived_experience, local_networks.
	Audiences []string
	// Agenda is the event's agenda, in order, without overlaps.
	Agenda []DemoAgendaItem
	// DurationMinutes is the event's length; every agenda item fits inside it.
	DurationMinutes int
}

// DemoAgendaItem is one item of a demo event's agenda.
type DemoAgendaItem struct {
	// OffsetMinutes is when the item starts, in minutes from the event start.
	OffsetMinutes int
	// DurationMinutes is the item's length in minutes.
	DurationMinutes int
	// Title is the item's title.
	Title string
	// Kind is one of talk, workshop, discussion, networking, break,
	// resource_share.
	Kind string
	// Topic is a topic slug from the event's Topics, or "" for none.
	Topic string
	// PresenterIndex is -1 for no presenting organisation, else an index
	// into the hub's Organisations (0–9; see the top of this file).
	PresenterIndex int
}

// DemoSeriesTemplate is a recurring event the demo seeder creates in every
// hub. (It cannot be named DemoSeries: that is the function returning them.)
type DemoSeriesTemplate struct {
	// Title is the title of each occurrence.
	Title string
	// Summary is two to four sentences describing the series.
	Summary string
	// Format is one of in_person, online, hybrid.
	Format string
	// Rule is an RFC 5545 RRULE without BYDAY, DTSTART or an end, e.g.
	// "FREQ=WEEKLY;INTERVAL=2".
	Rule string
	// Weekday is the RFC 5545 two-letter day (MO, TU, WE, TH, FR, SA, SU) on
	// which occurrences fall; for monthly rules the seeder picks that
	// weekday within the month.
	Weekday string
	// LocalTime is the start time, "HH:MM" in the hub's time zone.
	LocalTime string
	// DurationMinutes is the length of each occurrence.
	DurationMinutes int
	// Topics are topic slugs, as for DemoEventTemplate.
	Topics []string
}

// DemoAdmin returns the demo site administrator.
func DemoAdmin() DemoPerson {
	return DemoPerson{Name: "Sam Okafor", Email: "admin@convene.example.org"}
}

// DemoHubs returns the three demo hubs with their organisations, people and
// venues. Each call returns a fresh copy.
func DemoHubs() []DemoHub {
	return []DemoHub{
		{
			Slug:     "north-east",
			Name:     "North East Learning Hub",
			Region:   "North East England",
			TimeZone: "Europe/London",
			Description: "The North East Learning Hub brings together programme-funded projects, specialist services, " +
				"networks and commissioners from Northumberland down to Teesside. We meet in person every quarter, " +
				"moving between Tyneside, Wearside and Teesside so the travelling is shared fairly, with online peer " +
				"network meetings in between. Every agenda starts from the topics member projects ask for, and people " +
				"with lived experience help plan and run each hub day.",
			Organisations: []DemoOrganisation{
				{
					Name:    "Tyneside Peer Pathways",
					Kind:    "funded_project",
					Website: "https://tynesidepeerpathways.example.org.uk",
					Description: "We are a team of peer workers who have all slept rough or been homeless ourselves. " +
						"We walk alongside people on the streets of Newcastle and Gateshead, from the first conversation " +
						"to the first night in their own place, and we stay in touch after that.",
					Members: []DemoPerson{
						{Name: "Darren Robson", Email: "darren.robson@tynesidepeerpathways.example.org"},
						{Name: "Leanne Charlton", Email: "leanne.charlton@tynesidepeerpathways.example.org"},
						{Name: "Kofi Asante", Email: "kofi.asante@tynesidepeerpathways.example.org"},
					},
				},
				{
					Name:    "Wearside Women's Release Mentors",
					Kind:    "funded_project",
					Website: "https://wearsidereleasementors.example.org.uk",
					Description: "We match women leaving prison with a mentor who has been through the justice system herself. " +
						"Mentors meet women at the gate, go with them to their first appointments with probation, housing " +
						"and the GP, and stay alongside them for up to a year.",
					Members: []DemoPerson{
						{Name: "Shauna McKenna", Email: "shauna.mckenna@wearsidereleasementors.example.org"},
						{Name: "Joanne Pattinson", Email: "joanne.pattinson@wearsidereleasementors.example.org"},
					},
				},
				{
					Name:    "Teesside Recovery Collective",
					Kind:    "funded_project",
					Website: "https://teessiderecovery.example.org.uk",
					Description: "We are a recovery community in Middlesbrough and Stockton, run by and for people in recovery " +
						"from drugs and alcohol. We host daily meetings, a recovery café and a walking group, and we train " +
						"members to become peer mentors.",
					Members: []DemoPerson{
						{Name: "Lee Atkinson", Email: "lee.atkinson@teessiderecovery.example.org"},
						{Name: "Tanya Bell", Email: "tanya.bell@teessiderecovery.example.org"},
						{Name: "Mohammed Rafiq", Email: "mohammed.rafiq@teessiderecovery.example.org"},
					},
				},
				{
					Name:    "Blyth Valley Youth Housing Project",
					Kind:    "funded_project",
					Website: "https://blythvalleyyouthhousing.example.org.uk",
					Description: "We provide supported flats and floating support for young people aged 16 to 25 across " +
						"south-east Northumberland. Young people who have lived with us sit on our interview panels and " +
						"help train our staff.",
					Members: []DemoPerson{
						{Name: "Abbie Turnbull", Email: "abbie.turnbull@blythvalleyyouthhousing.example.org"},
						{Name: "Jordan Ridley", Email: "jordan.ridley@blythvalleyyouthhousing.example.org"},
					},
				},
				{
					Name:    "Kittiwake Women's Domestic Abuse Service",
					Kind:    "specialist_organisation",
					Website: "https://kittiwakewomen.example.org.uk",
					Description: "We are a specialist domestic abuse service for women and children in Tyne and Wear, " +
						"offering safe accommodation, outreach and independent advocacy. We also help other projects spot " +
						"the signs of domestic abuse and make safe referrals.",
					Members: []DemoPerson{
						{Name: "Helen Forster", Email: "helen.forster@kittiwakewomen.example.org"},
						{Name: "Samira Haddad", Email: "samira.haddad@kittiwakewomen.example.org"},
						{Name: "Claire Younger", Email: "claire.younger@kittiwakewomen.example.org"},
					},
				},
				{
					Name:    "Ouseburn Trauma-Informed Training Co-operative",
					Kind:    "specialist_organisation",
					Website: "https://ouseburntraining.example.org.uk",
					Description: "We are a workers' co-operative of trainers, several with lived experience, who help " +
						"organisations become trauma-informed. Our sessions are practical and plain-speaking, and built " +
						"around what your team actually deals with.",
					Members: []DemoPerson{
						{Name: "Niamh Gallagher", Email: "niamh.gallagher@ouseburntraining.example.org"},
						{Name: "Peter Armstrong", Email: "peter.armstrong@ouseburntraining.example.org"},
					},
				},
				{
					Name:    "Tyne and Wear Homelessness Forum",
					Kind:    "network",
					Website: "https://tynewearhomelessnessforum.example.org.uk",
					Description: "We are an open forum for anyone working on homelessness in Tyne and Wear: charities, faith " +
						"groups, council teams and people with lived experience. We meet every other month to share news, " +
						"raise gaps and speak with one voice to decision makers.",
					Members: []DemoPerson{
						{Name: "Graham Dodds", Email: "graham.dodds@tynewearhomelessnessforum.example.org"},
						{Name: "Fatima Begum", Email: "fatima.begum@tynewearhomelessnessforum.example.org"},
					},
				},
				{
					Name:    "North East Peer Support Network",
					Kind:    "network",
					Website: "https://nepeernetwork.example.org.uk",
					Description: "We connect peer support workers and volunteers across the North East so nobody does this " +
						"work on their own. Members share practice, swap resources and look out for each other's wellbeing.",
					Members: []DemoPerson{
						{Name: "Kayleigh Scott", Email: "kayleigh.scott@nepeernetwork.example.org"},
						{Name: "Daniel Okonkwo", Email: "daniel.okonkwo@nepeernetwork.example.org"},
						{Name: "Rachel Hindmarsh", Email: "rachel.hindmarsh@nepeernetwork.example.org"},
					},
				},
				{
					Name:    "Wearmouth Borough Council – Housing Commissioning",
					Kind:    "commissioner",
					Website: "https://wearmouthcouncil.example.org.uk",
					Description: "We commission homelessness, housing-related support and rough sleeping services for " +
						"Wearmouth. We come to the hub to listen to projects and people with lived experience, and to plan " +
						"services that last beyond short-term funding.",
					Members: []DemoPerson{
						{Name: "Alison Featherstone", Email: "alison.featherstone@wearmouthcouncil.example.org"},
						{Name: "Stephen Heron", Email: "stephen.heron@wearmouthcouncil.example.org"},
					},
				},
				{
					Name:    "Northgate University – Centre for Social Evaluation",
					Kind:    "other",
					Website: "https://northgateuni.example.org.uk",
					Description: "We are the programme's learning and evaluation partner in the North East. We work with " +
						"projects to gather evidence in ways that are safe, respectful and useful to the people taking part.",
					Members: []DemoPerson{
						{Name: "Jenna Laidler", Email: "jenna.laidler@northgateuni.example.org"},
						{Name: "Oluwaseun Adeyemi", Email: "oluwaseun.adeyemi@northgateuni.example.org"},
					},
				},
				{
					Name:    "Durham Dales Justice Peers",
					Kind:    "funded_project",
					Website: "https://durhamdalesjusticepeers.example.org.uk",
					Description: "We are peer mentors with our own experience of prison and probation, supporting men and " +
						"women on licence in County Durham. We help people keep appointments, find somewhere to live and " +
						"build a life away from offending.",
					Members: []DemoPerson{
						{Name: "Craig Nicholson", Email: "craig.nicholson@durhamdalesjusticepeers.example.org"},
						{Name: "Michelle Tait", Email: "michelle.tait@durhamdalesjusticepeers.example.org"},
					},
				},
			},
			Coordinator: DemoPerson{Name: "Gemma Hetherington", Email: "gemma.hetherington@convene.example.org"},
			Evaluator:   DemoPerson{Name: "Ravi Chandran", Email: "ravi.chandran@convene.example.org"},
			Venues: []DemoVenue{
				{Name: "The Drop-In Room at Tyneside Peer Pathways", Address: "27 Carliol Lane, Newcastle upon Tyne NE1 6RD", HostIndex: 0},
				{Name: "The Recovery Café", Address: "8 Linthorpe Mews, Middlesbrough TS1 3QJ", HostIndex: 2},
				{Name: "Wearmouth Civic Centre, Committee Room 2", Address: "Burdon Way, Sunderland SR2 7DN", HostIndex: 8},
			},
		},
		{
			Slug:     "yorkshire-humber",
			Name:     "Yorkshire and the Humber Learning Hub",
			Region:   "Yorkshire and the Humber",
			TimeZone: "Europe/London",
			Description: "The Yorkshire and the Humber Learning Hub connects funded projects, specialist services and " +
				"forums from Hull to the Calder Valley and from Bradford to Doncaster. Hub days rotate round the region " +
				"and always leave time for peer support workers to meet each other on their own terms. We pay particular " +
				"attention to keeping peer roles going after programme funding ends, working alongside local " +
				"commissioners and funders.",
			Organisations: []DemoOrganisation{
				{
					Name:    "Hull Doorstep Peers",
					Kind:    "funded_project",
					Website: "https://hulldoorsteppeers.example.org.uk",
					Description: "We are peer workers in Hull who have slept rough ourselves. We go out early in the morning " +
						"and late in the evening to meet people where they are, and we stick with them through the housing " +
						"system until they have a key in their hand.",
					Members: []DemoPerson{
						{Name: "Liam Dearing", Email: "liam.dearing@hulldoorsteppeers.example.org"},
						{Name: "Stacey Marr", Email: "stacey.marr@hulldoorsteppeers.example.org"},
						{Name: "Bilal Chaudhry", Email: "bilal.chaudhry@hulldoorsteppeers.example.org"},
					},
				},
				{
					Name:    "Wakefield Women Moving On",
					Kind:    "funded_project",
					Website: "https://wakefieldwomenmovingon.example.org.uk",
					Description: "We support women coming out of prison to Wakefield, Leeds and Kirklees. Every mentor has " +
						"lived experience of the justice system, and we help with what matters in the first weeks: somewhere " +
						"safe to stay, money, seeing children and staying well.",
					Members: []DemoPerson{
						{Name: "Kirsty Firth", Email: "kirsty.firth@wakefieldwomenmovingon.example.org"},
						{Name: "Anita Kaur", Email: "anita.kaur@wakefieldwomenmovingon.example.org"},
						{Name: "Louise Ackroyd", Email: "louise.ackroyd@wakefieldwomenmovingon.example.org"},
					},
				},
				{
					Name:    "Don Valley Recovery Community",
					Kind:    "funded_project",
					Website: "https://donvalleyrecovery.example.org.uk",
					Description: "We are a recovery community in Doncaster and Sheffield, led by people in recovery from " +
						"addiction. Our recovery hub is open seven days a week, and members can train as peer supporters " +
						"and go on to paid roles.",
					Members: []DemoPerson{
						{Name: "Wayne Hirst", Email: "wayne.hirst@donvalleyrecovery.example.org"},
						{Name: "Becky Staniforth", Email: "becky.staniforth@donvalleyrecovery.example.org"},
						{Name: "Ahmed Osman", Email: "ahmed.osman@donvalleyrecovery.example.org"},
					},
				},
				{
					Name:    "Airedale Young Tenants Project",
					Kind:    "funded_project",
					Website: "https://airedaleyoungtenants.example.org.uk",
					Description: "We help young people aged 16 to 24 in Bradford and Keighley find and keep a home. Our young " +
						"tenants' panel shapes everything we do, from how we word our letters to who we hire.",
					Members: []DemoPerson{
						{Name: "Zara Hussain", Email: "zara.hussain@airedaleyoungtenants.example.org"},
						{Name: "Tom Illingworth", Email: "tom.illingworth@airedaleyoungtenants.example.org"},
					},
				},
				{
					Name:    "Ridings Domestic Abuse Service",
					Kind:    "specialist_organisation",
					Website: "https://ridingsdas.example.org.uk",
					Description: "We are a specialist domestic abuse service working across West and South Yorkshire, with " +
						"safe accommodation, community outreach and independent advocates. Our by-and-for workers support " +
						"South Asian and Eastern European women in their own languages.",
					Members: []DemoPerson{
						{Name: "Parveen Akhtar", Email: "parveen.akhtar@ridingsdas.example.org"},
						{Name: "Karen Sykes", Email: "karen.sykes@ridingsdas.example.org"},
						{Name: "Agnieszka Wójcik", Email: "agnieszka.wojcik@ridingsdas.example.org"},
					},
				},
				{
					Name:    "Calder Trauma-Informed Practice Co-op",
					Kind:    "specialist_organisation",
					Website: "https://caldertraumacoop.example.org.uk",
					Description: "We are a small co-operative of trainers and coaches based in Hebden Bridge. We run " +
						"trauma-informed training, reflective practice and team coaching for frontline and peer staff, " +
						"always co-delivered with a trainer who has lived experience.",
					Members: []DemoPerson{
						{Name: "Ruth Sutcliffe", Email: "ruth.sutcliffe@caldertraumacoop.example.org"},
						{Name: "Joel Mensah", Email: "joel.mensah@caldertraumacoop.example.org"},
					},
				},
				{
					Name:    "Calderdale and Kirklees Homelessness Forum",
					Kind:    "network",
					Website: "https://ckhomelessnessforum.example.org.uk",
					Description: "We bring together everyone tackling homelessness in Calderdale and Kirklees, from night " +
						"shelters and food projects to housing officers. Our meetings are open, and people with lived " +
						"experience chair every other one.",
					Members: []DemoPerson{
						{Name: "Ian Haigh", Email: "ian.haigh@ckhomelessnessforum.example.org"},
						{Name: "Saima Rashid", Email: "saima.rashid@ckhomelessnessforum.example.org"},
					},
				},
				{
					Name:    "Yorkshire Lived Experience Peer Network",
					Kind:    "network",
					Website: "https://yorkshirepeernetwork.example.org.uk",
					Description: "We are a network for peer workers, volunteers and experts by experience across Yorkshire " +
						"and the Humber. We run peer supervision circles, share training and make sure lived experience is " +
						"heard where decisions are made.",
					Members: []DemoPerson{
						{Name: "Dean Holroyd", Email: "dean.holroyd@yorkshirepeernetwork.example.org"},
						{Name: "Chantelle Brown", Email: "chantelle.brown@yorkshirepeernetwork.example.org"},
						{Name: "Marek Nowak", Email: "marek.nowak@yorkshirepeernetwork.example.org"},
					},
				},
				{
					Name:    "Airebank Metropolitan Borough Council – Homelessness Commissioning",
					Kind:    "commissioner",
					Website: "https://airebankcouncil.example.org.uk",
					Description: "We commission homelessness prevention, supported housing and rough sleeping services " +
						"for Airebank. We want our next contracts to be shaped by what projects and people with lived " +
						"experience tell us works.",
					Members: []DemoPerson{
						{Name: "Philippa Whitworth", Email: "philippa.whitworth@airebankcouncil.example.org"},
						{Name: "Andrew Ogunleye", Email: "andrew.ogunleye@airebankcouncil.example.org"},
					},
				},
				{
					Name:    "Humber Estuary Community Foundation",
					Kind:    "other",
					Website: "https://humberestuaryfoundation.example.org.uk",
					Description: "We are a community foundation managing local giving and grant funds across Hull and the " +
						"East Riding. We join the hub to understand what projects need to keep going and to help them find " +
						"funding beyond the programme.",
					Members: []DemoPerson{
						{Name: "Sophie Brammer", Email: "sophie.brammer@humberestuaryfoundation.example.org"},
						{Name: "Gurpreet Sandhu", Email: "gurpreet.sandhu@humberestuaryfoundation.example.org"},
					},
				},
				{
					Name:    "Pennine Rainbow Housing Advice",
					Kind:    "specialist_organisation",
					Website: "https://penninerainbow.example.org.uk",
					Description: "We give housing advice and advocacy to lesbian, gay, bisexual, trans and queer people " +
						"who are homeless or at risk across Yorkshire. We also help services make their front door feel " +
						"safe for LGBTQ+ people.",
					Members: []DemoPerson{
						{Name: "Alex Rhodes", Email: "alex.rhodes@penninerainbow.example.org"},
						{Name: "Jamie Quinn", Email: "jamie.quinn@penninerainbow.example.org"},
					},
				},
			},
			Coordinator: DemoPerson{Name: "Farah Iqbal", Email: "farah.iqbal@convene.example.org"},
			Evaluator:   DemoPerson{Name: "Martin Greenwood", Email: "martin.greenwood@convene.example.org"},
			Venues: []DemoVenue{
				{Name: "The Front Room at Hull Doorstep Peers", Address: "3 Chapel Yard, Hull HU1 2JN", HostIndex: 0},
				{Name: "Don Valley Recovery Hub", Address: "41 Wharf Street, Doncaster DN1 2HT", HostIndex: 2},
				{Name: "Airebank Town Hall, Aire Suite", Address: "Market Square, Shipley BD18 3QB", HostIndex: 8},
			},
		},
		{
			Slug:     "london",
			Name:     "London Learning Hub",
			Region:   "London",
			TimeZone: "Europe/London",
			Description: "The London Learning Hub brings together funded projects, by-and-for specialist services, " +
				"borough forums and commissioners working across the capital. With so many services packed into one " +
				"city, our focus is on connections that last: who to ring, who to refer to, and who has already solved " +
				"the problem you are stuck on. We meet in person each quarter in venues offered by members, and online " +
				"every fortnight.",
			Organisations: []DemoOrganisation{
				{
					Name:    "Lambeth Street Peers",
					Kind:    "funded_project",
					Website: "https://lambethstreetpeers.example.org.uk",
					Description: "We are a peer-led outreach team in Lambeth and Southwark. All of us have slept rough, and " +
						"we use that to build trust with people the system has let down, going with them to appointments " +
						"and helping them into a home.",
					Members: []DemoPerson{
						{Name: "Kwame Boateng", Email: "kwame.boateng@lambethstreetpeers.example.org"},
						{Name: "Dee Fitzgerald", Email: "dee.fitzgerald@lambethstreetpeers.example.org"},
						{Name: "Tariq Mahmood", Email: "tariq.mahmood@lambethstreetpeers.example.org"},
					},
				},
				{
					Name:    "Second Spring Women's Mentors",
					Kind:    "funded_project",
					Website: "https://secondspringmentors.example.org.uk",
					Description: "We mentor women leaving prison who are coming home to London. Our mentors have been " +
						"through the justice system themselves; we meet women on release day and help them find safe " +
						"housing, reconnect with their children and get to probation.",
					Members: []DemoPerson{
						{Name: "Marcia Campbell", Email: "marcia.campbell@secondspringmentors.example.org"},
						{Name: "Jodie Harrington", Email: "jodie.harrington@secondspringmentors.example.org"},
						{Name: "Lúcia Ferreira", Email: "lucia.ferreira@secondspringmentors.example.org"},
					},
				},
				{
					Name:    "Lea Valley Recovery Community",
					Kind:    "funded_project",
					Website: "https://leavalleyrecovery.example.org.uk",
					Description: "We are a recovery community in Hackney, Tower Hamlets and Waltham Forest, run by people " +
						"in recovery. We run peer-led groups, a Saturday recovery café and a circle for families.",
					Members: []DemoPerson{
						{Name: "Connor Walsh", Email: "connor.walsh@leavalleyrecovery.example.org"},
						{Name: "Hayley Green", Email: "hayley.green@leavalleyrecovery.example.org"},
						{Name: "Emre Yilmaz", Email: "emre.yilmaz@leavalleyrecovery.example.org"},
					},
				},
				{
					Name:    "Camberwell Youth Homes",
					Kind:    "funded_project",
					Website: "https://camberwellyouthhomes.example.org.uk",
					Description: "We provide supported housing and a drop-in for young people aged 16 to 25 in south " +
						"London. Young people who have lived with us co-design our services and train as peer advisers.",
					Members: []DemoPerson{
						{Name: "Jade Thompson", Email: "jade.thompson@camberwellyouthhomes.example.org"},
						{Name: "Reuben Adjei", Email: "reuben.adjei@camberwellyouthhomes.example.org"},
					},
				},
				{
					Name:    "Marigold Women's Domestic Abuse Service",
					Kind:    "specialist_organisation",
					Website: "https://marigoldwomen.example.org.uk",
					Description: "We are a by-and-for domestic abuse service for Black and minoritised women in east " +
						"London. We offer safe accommodation, advocacy in eleven languages and help with immigration and " +
						"no-recourse issues.",
					Members: []DemoPerson{
						{Name: "Shazia Malik", Email: "shazia.malik@marigoldwomen.example.org"},
						{Name: "Grace Osei", Email: "grace.osei@marigoldwomen.example.org"},
						{Name: "Leyla Demir", Email: "leyla.demir@marigoldwomen.example.org"},
					},
				},
				{
					Name:    "Deptford Trauma-Informed Practice Co-operative",
					Kind:    "specialist_organisation",
					Website: "https://deptfordtraumacoop.example.org.uk",
					Description: "We are a co-operative of trainers, therapists and peer educators who help teams across " +
						"London work in trauma-informed ways. We co-produce every course with people who have used " +
						"services.",
					Members: []DemoPerson{
						{Name: "Orla Byrne", Email: "orla.byrne@deptfordtraumacoop.example.org"},
						{Name: "Nathan Brooks", Email: "nathan.brooks@deptfordtraumacoop.example.org"},
					},
				},
				{
					Name:    "Lambeth and Southwark Homelessness Forum",
					Kind:    "network",
					Website: "https://lshomelessnessforum.example.org.uk",
					Description: "We are the meeting place for homelessness services in Lambeth and Southwark: outreach " +
						"teams, day centres, hostels, faith groups and council officers. We share what we are seeing on " +
						"the ground and take shared concerns to the boroughs.",
					Members: []DemoPerson{
						{Name: "Patrick O'Shea", Email: "patrick.oshea@lshomelessnessforum.example.org"},
						{Name: "Nkechi Obi", Email: "nkechi.obi@lshomelessnessforum.example.org"},
					},
				},
				{
					Name:    "Capital Peer Workers Network",
					Kind:    "network",
					Website: "https://capitalpeerworkers.example.org.uk",
					Description: "We are a network of paid and volunteer peer workers across London's homelessness, " +
						"recovery, justice and domestic abuse services. We meet, learn together and push for peer roles " +
						"to be properly paid and supported.",
					Members: []DemoPerson{
						{Name: "Ruby Sinclair", Email: "ruby.sinclair@capitalpeerworkers.example.org"},
						{Name: "Sean McCarthy", Email: "sean.mccarthy@capitalpeerworkers.example.org"},
						{Name: "Amara Jalloh", Email: "amara.jalloh@capitalpeerworkers.example.org"},
					},
				},
				{
					Name:    "London Borough of Wandle – Homelessness Commissioning",
					Kind:    "commissioner",
					Website: "https://wandlecouncil.example.org.uk",
					Description: "We commission rough sleeping, hostel and housing-related support services for the London " +
						"Borough of Wandle. We use the hub to hear early about what is and isn't working, and to design " +
						"services with the people who use them.",
					Members: []DemoPerson{
						{Name: "Victoria Hale", Email: "victoria.hale@wandlecouncil.example.org"},
						{Name: "Anjali Patel", Email: "anjali.patel@wandlecouncil.example.org"},
					},
				},
				{
					Name:    "Fleetbank Community Foundation",
					Kind:    "other",
					Website: "https://fleetbankfoundation.example.org.uk",
					Description: "We are a community foundation that pools local giving to fund grassroots groups across " +
						"London. We take part in the hub to learn what small projects need to last, and to connect them " +
						"with funders.",
					Members: []DemoPerson{
						{Name: "Edward Lam", Email: "edward.lam@fleetbankfoundation.example.org"},
						{Name: "Bethany Cole", Email: "bethany.cole@fleetbankfoundation.example.org"},
					},
				},
				{
					Name:    "Rainbow Doorway",
					Kind:    "specialist_organisation",
					Website: "https://rainbowdoorway.example.org.uk",
					Description: "We are an LGBTQ+ housing advice service for people in London who are homeless or at " +
						"risk. Our advisers and peer volunteers help people find safe accommodation and challenge services " +
						"that aren't getting it right.",
					Members: []DemoPerson{
						{Name: "Kai Morgan", Email: "kai.morgan@rainbowdoorway.example.org"},
						{Name: "Femi Ajayi", Email: "femi.ajayi@rainbowdoorway.example.org"},
					},
				},
			},
			Coordinator: DemoPerson{Name: "Chidinma Eze", Email: "chidinma.eze@convene.example.org"},
			Evaluator:   DemoPerson{Name: "Ellen Marsh", Email: "ellen.marsh@convene.example.org"},
			Venues: []DemoVenue{
				{Name: "The Hub at Lambeth Street Peers", Address: "56 Kennington Vale, London SE11 4PR", HostIndex: 0},
				{Name: "Lea Valley Recovery Café", Address: "Unit 3, Morning Lane Arches, London E9 6RJ", HostIndex: 2},
				{Name: "Fleetbank Community Foundation, Ground Floor", Address: "12 Farringdon Row, London EC1M 5UH", HostIndex: 9},
			},
		},
	}
}

// DemoEventTemplates returns the demo event templates: hub days, half days,
// webinars, a network meeting and a forum meeting. Each call returns a fresh
// copy.
func DemoEventTemplates() []DemoEventTemplate {
	return []DemoEventTemplate{
		{
			Title:  "Hub day: Peer support that lasts",
			Format: "in_person",
			Summary: "A full day for peer support workers, volunteers and the staff who manage them. We'll hear how " +
				"projects have kept peer roles going through staff changes and funding gaps, then spend the afternoon " +
				"on the everyday questions of boundaries, supervision and looking after yourself. Lunch is provided and " +
				"there is a quiet room all day.",
			Topics:          []string{"peer-support-delivery", "boundaries-of-peer-support", "sustainability"},
			Audiences:       []string{"peer_support_workers", "practitioners", "lived_experience", "local_networks"},
			DurationMinutes: 330,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 30, Title: "Arrival, tea and meeting each other", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 30, DurationMinutes: 15, Title: "Welcome and news from around the hub", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 45, DurationMinutes: 45, Title: "From volunteer to paid peer worker: what helped us", Kind: "talk", Topic: "peer-support-delivery", PresenterIndex: 0},
				{OffsetMinutes: 90, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 105, DurationMinutes: 60, Title: "Workshop: Where are the lines? Boundaries in real situations", Kind: "workshop", Topic: "boundaries-of-peer-support", PresenterIndex: 7},
				{OffsetMinutes: 165, DurationMinutes: 45, Title: "Lunch", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 210, DurationMinutes: 60, Title: "Workshop: Keeping peer roles going when the money changes", Kind: "workshop", Topic: "sustainability", PresenterIndex: 2},
				{OffsetMinutes: 270, DurationMinutes: 15, Title: "Resource swap: templates, policies and job descriptions", Kind: "resource_share", Topic: "peer-support-delivery", PresenterIndex: -1},
				{OffsetMinutes: 285, DurationMinutes: 45, Title: "What next? Shaping our next hub day", Kind: "discussion", PresenterIndex: -1},
			},
		},
		{
			Title:  "Hub day: Safeguarding together",
			Format: "in_person",
			Summary: "Safeguarding is everyone's job, but it can feel different when you are a peer worker with your own " +
				"history. This day looks at making good adult safeguarding referrals, recognising domestic abuse and " +
				"exploitation, and what happens after a referral is made. Expect anonymised case studies and plenty of " +
				"time for the questions you don't usually get to ask.",
			Topics:          []string{"safeguarding", "trauma-informed-approaches"},
			Audiences:       []string{"peer_support_workers", "practitioners", "commissioners", "local_networks"},
			DurationMinutes: 330,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 30, Title: "Arrival, tea and meeting each other", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 30, DurationMinutes: 15, Title: "Welcome and plan for the day", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 45, DurationMinutes: 45, Title: "Safeguarding adults who sleep rough: what a good referral looks like", Kind: "talk", Topic: "safeguarding", PresenterIndex: 8},
				{OffsetMinutes: 90, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 105, DurationMinutes: 60, Title: "Workshop: Recognising domestic abuse and coercive control", Kind: "workshop", Topic: "safeguarding", PresenterIndex: 4},
				{OffsetMinutes: 165, DurationMinutes: 45, Title: "Lunch", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 210, DurationMinutes: 60, Title: "Workshop: Trauma-informed safeguarding conversations", Kind: "workshop", Topic: "trauma-informed-approaches", PresenterIndex: 5},
				{OffsetMinutes: 270, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 285, DurationMinutes: 45, Title: "What next? Gaps, questions and what we'll take back", Kind: "discussion", Topic: "safeguarding", PresenterIndex: -1},
			},
		},
		{
			Title:  "Hub day: Trauma-informed from the front door up",
			Format: "hybrid",
			Summary: "A hybrid hub day on what trauma-informed practice looks like day to day: at reception, in a support " +
				"plan, in supervision and in how services are commissioned. Join us in the room or online; online " +
				"attendees have their own facilitator and breakout rooms for the workshops. Co-delivered by trainers and " +
				"peer workers with lived experience.",
			Topics:          []string{"trauma-informed-approaches", "boundaries-of-peer-support"},
			Audiences:       []string{"peer_support_workers", "practitioners", "commissioners", "lived_experience"},
			DurationMinutes: 330,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 30, Title: "Arrival and online check-in", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 30, DurationMinutes: 15, Title: "Welcome, for the room and online", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 45, DurationMinutes: 45, Title: "What trauma-informed means when you have lived it", Kind: "talk", Topic: "trauma-informed-approaches", PresenterIndex: 0},
				{OffsetMinutes: 90, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 105, DurationMinutes: 60, Title: "Workshop: The first five minutes – welcomes, waiting rooms and letters", Kind: "workshop", Topic: "trauma-informed-approaches", PresenterIndex: 5},
				{OffsetMinutes: 165, DurationMinutes: 45, Title: "Lunch", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 210, DurationMinutes: 60, Title: "Workshop: Reflective supervision and boundaries for peer workers", Kind: "workshop", Topic: "boundaries-of-peer-support", PresenterIndex: 7},
				{OffsetMinutes: 270, DurationMinutes: 15, Title: "Resource share: trauma-informed policies and checklists", Kind: "resource_share", Topic: "trauma-informed-approaches", PresenterIndex: -1},
				{OffsetMinutes: 285, DurationMinutes: 45, Title: "What next? One change we'll each make", Kind: "discussion", PresenterIndex: -1},
			},
		},
		{
			Title:  "Hub day: Intersectionality in practice",
			Format: "in_person",
			Summary: "People rarely come to us with one need at a time. This day explores how racism, sexism, homophobia, " +
				"disability and poverty shape people's experience of homelessness, abuse, addiction and the justice " +
				"system, and what projects are doing to make support fit. Sessions are led by by-and-for services and " +
				"peer workers.",
			Topics:          []string{"intersectionality", "peer-support-delivery"},
			Audiences:       []string{"peer_support_workers", "practitioners", "lived_experience", "local_networks"},
			DurationMinutes: 330,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 30, Title: "Arrival, tea and meeting each other", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 30, DurationMinutes: 15, Title: "Welcome and ground rules for the day", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 45, DurationMinutes: 45, Title: "Not one thing at a time: identity and multiple disadvantage", Kind: "talk", Topic: "intersectionality", PresenterIndex: 4},
				{OffsetMinutes: 90, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 105, DurationMinutes: 60, Title: "Workshop: Who isn't coming through our door, and why?", Kind: "workshop", Topic: "intersectionality", PresenterIndex: 6},
				{OffsetMinutes: 165, DurationMinutes: 45, Title: "Lunch", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 210, DurationMinutes: 60, Title: "Workshop: Peer support across difference", Kind: "workshop", Topic: "peer-support-delivery", PresenterIndex: 1},
				{OffsetMinutes: 270, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 285, DurationMinutes: 45, Title: "What next? Commitments and requests for future hub days", Kind: "discussion", PresenterIndex: -1},
			},
		},
		{
			Title:  "Hub morning: Funding the future",
			Format: "hybrid",
			Summary: "A half day for managers, trustees and peer leads thinking about life after programme funding. " +
				"Commissioners and funders from the region talk frankly about what they look for, and projects share " +
				"bids and partnerships that worked. Bring a funding question: we'll keep a clinic table open all morning.",
			Topics:          []string{"future-funding", "sustainability"},
			Audiences:       []string{"practitioners", "commissioners", "local_networks", "peer_support_workers"},
			DurationMinutes: 180,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 20, Title: "Arrival and coffee", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 20, DurationMinutes: 40, Title: "Panel: What commissioners and funders are looking for", Kind: "talk", Topic: "future-funding", PresenterIndex: 8},
				{OffsetMinutes: 60, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 75, DurationMinutes: 60, Title: "Workshop: Making the case for peer support with the evidence you already have", Kind: "workshop", Topic: "sustainability", PresenterIndex: 9},
				{OffsetMinutes: 135, DurationMinutes: 15, Title: "Resource share: bids, budgets and outcome frameworks", Kind: "resource_share", Topic: "future-funding", PresenterIndex: -1},
				{OffsetMinutes: 150, DurationMinutes: 30, Title: "What next? Partnerships to explore", Kind: "discussion", PresenterIndex: -1},
			},
		},
		{
			Title:  "Webinar: Boundaries in peer support – where's the line?",
			Format: "online",
			Summary: "Peer workers bring their own story to the job, which is exactly what makes peer support work and " +
				"also what makes boundaries tricky. Two experienced peer workers talk through situations they have faced, " +
				"from friend requests on social media to bumping into someone at a meeting. There is time in small " +
				"breakout rooms to talk it through with other peers.",
			Topics:          []string{"boundaries-of-peer-support"},
			Audiences:       []string{"peer_support_workers", "lived_experience", "practitioners"},
			DurationMinutes: 75,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 5, Title: "Welcome and how the session works", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 5, DurationMinutes: 25, Title: "Boundaries we learned the hard way", Kind: "talk", Topic: "boundaries-of-peer-support", PresenterIndex: 7},
				{OffsetMinutes: 30, DurationMinutes: 30, Title: "Breakout rooms: What would you do?", Kind: "workshop", Topic: "boundaries-of-peer-support", PresenterIndex: 7},
				{OffsetMinutes: 60, DurationMinutes: 15, Title: "Questions and what next", Kind: "discussion", Topic: "boundaries-of-peer-support", PresenterIndex: -1},
			},
		},
		{
			Title:  "Webinar: Making a good adult safeguarding referral",
			Format: "online",
			Summary: "A practical hour with the local authority safeguarding team on when to raise a concern, what to put " +
				"in a referral and what should happen next. Bring your questions, including the awkward ones about " +
				"consent and about people who don't want a referral made.",
			Topics:          []string{"safeguarding"},
			Audiences:       []string{"peer_support_workers", "practitioners"},
			DurationMinutes: 60,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 5, Title: "Welcome", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 5, DurationMinutes: 25, Title: "What makes a referral useful", Kind: "talk", Topic: "safeguarding", PresenterIndex: 8},
				{OffsetMinutes: 30, DurationMinutes: 10, Title: "Resource share: a one-page referral checklist", Kind: "resource_share", Topic: "safeguarding", PresenterIndex: -1},
				{OffsetMinutes: 40, DurationMinutes: 20, Title: "Your questions answered", Kind: "discussion", Topic: "safeguarding", PresenterIndex: 8},
			},
		},
		{
			Title:  "Webinar: Writing funding bids with people with lived experience",
			Format: "online",
			Summary: "Funders increasingly want to see people with lived experience shaping the work, not just quoted in " +
				"it. This session looks at involving people in writing bids fairly and safely, including paying people " +
				"for their time. A community funder shares what makes an application stand out.",
			Topics:          []string{"future-funding", "sustainability"},
			Audiences:       []string{"practitioners", "peer_support_workers", "lived_experience"},
			DurationMinutes: 90,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 5, Title: "Welcome", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 5, DurationMinutes: 25, Title: "What makes a bid stand out", Kind: "talk", Topic: "future-funding", PresenterIndex: 9},
				{OffsetMinutes: 30, DurationMinutes: 25, Title: "Co-writing bids: paying people, sharing credit, keeping it safe", Kind: "talk", Topic: "sustainability", PresenterIndex: 2},
				{OffsetMinutes: 55, DurationMinutes: 5, Title: "Stretch break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 60, DurationMinutes: 20, Title: "Breakout: Plan the involvement for your next bid", Kind: "workshop", Topic: "future-funding", PresenterIndex: -1},
				{OffsetMinutes: 80, DurationMinutes: 10, Title: "What next", Kind: "discussion", PresenterIndex: -1},
			},
		},
		{
			Title:  "Webinar: Reflective supervision for peer workers",
			Format: "online",
			Summary: "Good supervision keeps peer workers well and keeps support safe. This webinar is for peer workers and " +
				"the people who supervise them, and covers what reflective, trauma-informed supervision looks like, how " +
				"to ask for it, and how to offer it when you are stretched.",
			Topics:          []string{"trauma-informed-approaches", "peer-support-delivery"},
			Audiences:       []string{"peer_support_workers", "practitioners"},
			DurationMinutes: 90,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 5, Title: "Welcome", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 5, DurationMinutes: 30, Title: "Supervision that actually helps", Kind: "talk", Topic: "trauma-informed-approaches", PresenterIndex: 5},
				{OffsetMinutes: 35, DurationMinutes: 5, Title: "Short break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 40, DurationMinutes: 35, Title: "Breakout: Practising a reflective conversation", Kind: "workshop", Topic: "peer-support-delivery", PresenterIndex: 7},
				{OffsetMinutes: 75, DurationMinutes: 15, Title: "Questions and what next", Kind: "discussion", PresenterIndex: -1},
			},
		},
		{
			Title:  "Peer support network meeting",
			Format: "online",
			Summary: "An informal online meeting for peer support workers and volunteers from across the hub. We catch up, " +
				"share what has been hard and what has gone well, and pick one practice topic each time. Cameras are " +
				"optional, and there is always a facilitator with lived experience.",
			Topics:          []string{"peer-support-delivery", "boundaries-of-peer-support"},
			Audiences:       []string{"peer_support_workers", "lived_experience"},
			DurationMinutes: 90,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 15, Title: "Check-in round", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 15, DurationMinutes: 25, Title: "This meeting's practice topic", Kind: "talk", Topic: "peer-support-delivery", PresenterIndex: 7},
				{OffsetMinutes: 40, DurationMinutes: 5, Title: "Short break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 45, DurationMinutes: 30, Title: "Peer supervision circles", Kind: "discussion", Topic: "boundaries-of-peer-support", PresenterIndex: 7},
				{OffsetMinutes: 75, DurationMinutes: 15, Title: "Resources, news and check-out", Kind: "resource_share", Topic: "peer-support-delivery", PresenterIndex: -1},
			},
		},
		{
			Title:  "Homelessness forum: projects and commissioners in one room",
			Format: "hybrid",
			Summary: "A joint meeting of the local homelessness forum and the hub, with commissioners at the table. " +
				"Projects present what they have learned over the programme, and commissioners share their plans for " +
				"the next round of homelessness and rough sleeping services. The aim is a shared list of what must not " +
				"be lost when funding ends.",
			Topics:          []string{"sustainability", "future-funding"},
			Audiences:       []string{"commissioners", "practitioners", "local_networks", "lived_experience"},
			DurationMinutes: 150,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 20, Title: "Arrival and introductions", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 20, DurationMinutes: 30, Title: "What we've learned: three projects, ten minutes each", Kind: "talk", Topic: "sustainability", PresenterIndex: 6},
				{OffsetMinutes: 50, DurationMinutes: 30, Title: "Commissioning plans for the next three years", Kind: "talk", Topic: "future-funding", PresenterIndex: 8},
				{OffsetMinutes: 80, DurationMinutes: 10, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 90, DurationMinutes: 45, Title: "Round tables: What must not be lost", Kind: "discussion", Topic: "sustainability", PresenterIndex: 6},
				{OffsetMinutes: 135, DurationMinutes: 15, Title: "What next and close", Kind: "discussion", PresenterIndex: -1},
			},
		},
		{
			Title:  "Webinar: Women, racism and multiple disadvantage",
			Format: "online",
			Summary: "Black and minoritised women facing homelessness, abuse or the justice system too often fall between " +
				"services. Speakers from a by-and-for domestic abuse service and a women's mentoring project talk about " +
				"what gets in the way and what helps. There is time for questions, and the session is not recorded.",
			Topics:          []string{"intersectionality", "safeguarding"},
			Audiences:       []string{"practitioners", "peer_support_workers", "commissioners", "lived_experience"},
			DurationMinutes: 75,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 5, Title: "Welcome", Kind: "talk", PresenterIndex: -1},
				{OffsetMinutes: 5, DurationMinutes: 25, Title: "What women tell us gets in the way", Kind: "talk", Topic: "intersectionality", PresenterIndex: 4},
				{OffsetMinutes: 30, DurationMinutes: 20, Title: "Mentoring women after prison: getting it right", Kind: "talk", Topic: "intersectionality", PresenterIndex: 1},
				{OffsetMinutes: 50, DurationMinutes: 10, Title: "Resource share: safe referral routes", Kind: "resource_share", Topic: "safeguarding", PresenterIndex: 4},
				{OffsetMinutes: 60, DurationMinutes: 15, Title: "Questions", Kind: "discussion", Topic: "intersectionality", PresenterIndex: -1},
			},
		},
		{
			Title:  "Sustainability clinic: keeping peer roles after the programme",
			Format: "hybrid",
			Summary: "A hands-on clinic for projects planning how their peer roles carry on after programme funding ends. " +
				"Bring your current plan, however rough: evaluators, a commissioner and a community funder move round the " +
				"tables to help you test it. You'll leave with three next steps and a named person to follow up with.",
			Topics:          []string{"sustainability", "future-funding", "peer-support-delivery"},
			Audiences:       []string{"practitioners", "commissioners", "peer_support_workers"},
			DurationMinutes: 120,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 15, Title: "Arrival and introductions", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 15, DurationMinutes: 20, Title: "Five ways projects have kept peer roles going", Kind: "talk", Topic: "sustainability", PresenterIndex: 9},
				{OffsetMinutes: 35, DurationMinutes: 60, Title: "Clinic tables: Test your plan", Kind: "workshop", Topic: "sustainability", PresenterIndex: 8},
				{OffsetMinutes: 95, DurationMinutes: 10, Title: "Resource share: job descriptions, pay scales and business cases", Kind: "resource_share", Topic: "peer-support-delivery", PresenterIndex: -1},
				{OffsetMinutes: 105, DurationMinutes: 15, Title: "What next? Your three next steps", Kind: "discussion", Topic: "future-funding", PresenterIndex: -1},
			},
		},
		{
			Title:  "Hub afternoon: From lived experience to leadership",
			Format: "in_person",
			Summary: "For people with lived experience who want to take a next step, whether that is volunteering, paid " +
				"peer work, sitting on a board or training others. People who have made that journey share what helped " +
				"and what they wish they had known. Travel costs are covered for anyone coming as a person with lived " +
				"experience.",
			Topics:          []string{"peer-support-delivery", "boundaries-of-peer-support", "sustainability"},
			Audiences:       []string{"lived_experience", "peer_support_workers", "practitioners"},
			DurationMinutes: 180,
			Agenda: []DemoAgendaItem{
				{OffsetMinutes: 0, DurationMinutes: 30, Title: "Arrival, tea and meeting each other", Kind: "networking", PresenterIndex: -1},
				{OffsetMinutes: 30, DurationMinutes: 40, Title: "My route from using services to running them", Kind: "talk", Topic: "peer-support-delivery", PresenterIndex: 2},
				{OffsetMinutes: 70, DurationMinutes: 15, Title: "Break", Kind: "break", PresenterIndex: -1},
				{OffsetMinutes: 85, DurationMinutes: 50, Title: "Workshop: Looking after yourself as your role grows", Kind: "workshop", Topic: "boundaries-of-peer-support", PresenterIndex: 5},
				{OffsetMinutes: 135, DurationMinutes: 20, Title: "Resource share: training, volunteering and job opportunities", Kind: "resource_share", Topic: "sustainability", PresenterIndex: -1},
				{OffsetMinutes: 155, DurationMinutes: 25, Title: "What next? Staying connected", Kind: "discussion", PresenterIndex: -1},
			},
		},
	}
}

// DemoSeries returns the recurring events the demo seeder creates in every
// hub: a fortnightly online peer support network meeting and a quarterly
// in-person hub day. Each call returns a fresh copy.
func DemoSeries() []DemoSeriesTemplate {
	return []DemoSeriesTemplate{
		{
			Title:  "Peer support network meeting",
			Format: "online",
			Summary: "A fortnightly online meeting for peer support workers and volunteers across the hub, held in the " +
				"evening so people with day jobs or daytime commitments can come. Each meeting has a check-in, one " +
				"practice topic chosen by members and a peer supervision circle. Drop in when you can; there is no " +
				"need to come to every one.",
			Rule:            "FREQ=WEEKLY;INTERVAL=2",
			Weekday:         "TU",
			LocalTime:       "19:00",
			DurationMinutes: 90,
			Topics:          []string{"peer-support-delivery", "boundaries-of-peer-support"},
		},
		{
			Title:  "Quarterly hub day",
			Format: "in_person",
			Summary: "Our quarterly day together, hosted by a different member organisation each time. The agenda is " +
				"built from the topic requests on the hub's request board, with talks, workshops, lunch and plenty of " +
				"time to meet people from other projects. Travel costs can be covered for people with lived experience.",
			Rule:            "FREQ=MONTHLY;INTERVAL=3",
			Weekday:         "WE",
			LocalTime:       "10:00",
			DurationMinutes: 330,
			Topics:          []string{"peer-support-delivery", "safeguarding", "trauma-informed-approaches", "sustainability"},
		},
	}
}

// DemoFeedbackComments returns short anonymous feedback comments for demo
// feedback, with no identifying details. Each call returns a fresh copy.
func DemoFeedbackComments() []string {
	return []string{
		"Meeting other peer workers who do the same job in a different town was the best bit of the day.",
		"The boundaries workshop was really practical. I'm taking the scenarios back to our team meeting.",
		"I came away with three new contacts and already have a referral route I didn't know existed.",
		"Good to have commissioners in the room actually listening rather than presenting at us.",
		"Lunch was a great chance to talk. Could we have a bit longer for networking next time?",
		"The safeguarding talk cleared up a lot of confusion about when to make a referral.",
		"Felt safe to speak honestly. The ground rules at the start made a real difference.",
		"The online breakout rooms were a bit rushed, but the conversations in them were brilliant.",
		"Hearing people with lived experience lead the sessions made it feel real, not tick-box.",
		"I'd love a follow-up session on funding. The panel only scratched the surface.",
		"Quiet room was much appreciated. Please keep it.",
		"We've arranged to shadow another project next month after meeting them here.",
		"Too much packed into the afternoon. Fewer sessions with more time for each would be better.",
		"The resource swap table was great. I picked up a supervision template we'll use straight away.",
		"First time I've come to a hub day and I felt welcome from the moment I walked in.",
	}
}

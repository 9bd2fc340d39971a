package i18n

// AdminText covers the admin console: overview, sessions, one session, users, Redis.
type AdminText struct {
	Title         string
	NavLabel      string
	NavOverview   string
	NavSessions   string
	NavUsers      string
	NavRedis      string
	NavMetrics    string
	OverviewTitle string
	OverviewLead  string
	StatBriefs    string
	StatStored    string
	StatUsers     string
	StatsLabel    string
	Shortcuts     string
	LinkFailed    string
	LinkExpiring  string
	LinkAll       string
	PolicyWarning string // "%s" is the eviction policy

	AuditTitle      string
	AuditBriefTitle string
	AuditEmpty      string
	AuditWhen       string
	AuditWho        string
	AuditWhat       string
	AuditTarget     string
	AuditDetail     string
	ActionExtend    string
	ActionDelete    string
	ActionRerun     string
	ActionGrant     string
	ActionRevoke    string

	SessionsTitle  string
	SessionsLead   string
	FilterLegend   string
	FilterOwner    string
	FilterSector   string
	FilterStatus   string
	FilterAny      string
	FilterFrom     string
	FilterTo       string
	FilterSort     string
	FilterOrder    string
	SortCreated    string
	SortExpiry     string
	OrderDesc      string
	OrderAsc       string
	FilterApply    string
	FilterClear    string
	BadDate        string
	BadRange       string
	BadChoice      string
	NoSuchOwner    string
	TableCaption   string
	ColID          string
	ColOwner       string
	ColBusiness    string
	ColSector      string
	ColSections    string
	ColCreated     string
	ColExpires     string
	ColStored      string
	ColVersions    string
	NoMatch        string
	OnThisPage     string // "%d" is the number of rows
	OnThisPageOne  string // OnThisPage for one row (and none, in French)
	NextPage       string
	FirstPage      string
	UnknownOwner   string
	Loading        string
	ScrollHint     string
	NoticeDeleted  string
	NoticeExtended string // "%s" is a date
	NoticeRerun    string
	NoticeRole     string

	SessionLead     string // "%s" is the brief's id
	DetailsLabel    string
	FieldOwner      string
	FieldStatus     string
	FieldPlace      string
	FieldLanguage   string
	FieldCreated    string
	FieldExpires    string
	FieldStored     string
	FieldHistory    string
	FieldVersions   string
	SectionsTitle   string
	ColSection      string
	ColStatus       string
	ColSince        string
	ColError        string
	Rerun           string
	RerunLabel      string // "%s" is a section title
	ActionsTitle    string
	KeepFor         string
	Days            string // "%d" is a number of days
	Extend          string
	DeleteOpen      string
	DeleteConfirm   string
	DeleteButton    string
	FilesTitle      string
	FileInput       string // the file of what the owner typed
	FileMeta        string // the file of the brief's own facts
	FileVersion     string // "%d" is the version
	FileSizes       string // "%s" stored, "%s" uncompressed
	FileWritten     string // "%s" is a date and time
	Previous        string // "%d" is how many
	NoPrevious      string
	NotJSON         string
	BackToSessions  string
	ViewOwnerBriefs string

	UsersTitle   string
	UsersLead    string
	UsersCaption string
	ColEmail     string
	ColName      string
	ColRole      string
	ColBriefs    string
	ColJoined    string
	ColAction    string
	RoleAdmin    string
	RoleOwner    string
	Grant        string
	Revoke       string
	GrantLabel   string // "%s" is an email
	RevokeLabel  string // "%s" is an email
	You          string
	NoUsers      string
	MoreUsers    string

	RedisTitle     string
	RedisLead      string
	ServerLabel    string
	Mode           string
	ModeStandalone string
	ModeCluster    string
	ModeSentinel   string
	Version        string
	Masters        string
	Memory         string
	MemoryOf       string // "%s" used of "%s" allowed
	NoLimit        string // "%s" is the memory used
	Policy         string
	PolicySafe     string
	Evicted        string
	Expired        string
	AOF            string
	AOFOn          string
	AOFOff         string
	AOFRewrite     string // "%s" is the last rewrite's status
	AOFWriteFailed string
	Clients        string
	OpsPerSec      string
	KeysTitle      string
	ColDatabase    string
	ColKeys        string
	NoKeys         string
	DailyTitle     string
	DailyNote      string
	DailyBar       string // "%s" is a day, "%d" the briefs created
	DailyBarOne    string // DailyBar for one brief (and none, in French)
	ColDay         string
	ColCount       string
	LatencyTitle   string
	LatencyNote    string
	LatencyBar     string // "%s" section, "%s" mean, "%s" 95th percentile, "%d" runs
	LatencyBarOne  string // LatencyBar for one run
	LatencyValue   string // "%s" mean, "%s" 95th percentile
	NoRuns         string
	ColAgent       string
	ColMean        string
	ColP95         string
	ColRuns        string
	ChartData      string
	Milliseconds   string // "%s" is a number
	ByteUnits      []string
	ShortMonths    []string
}

func adminEN() AdminText {
	return AdminText{
		Title:         "Admin",
		NavLabel:      "Admin sections",
		NavOverview:   "Overview",
		NavSessions:   "Sessions",
		NavUsers:      "Users",
		NavRedis:      "Redis",
		NavMetrics:    "Metrics (Prometheus)",
		OverviewTitle: "Admin overview",
		OverviewLead:  "What Genesis stores, who uses it, and what admins did lately.",
		StatBriefs:    "Stored briefs",
		StatStored:    "Stored size",
		StatUsers:     "Accounts",
		StatsLabel:    "Counts",
		Shortcuts:     "Shortcuts",
		LinkFailed:    "Briefs that need attention",
		LinkExpiring:  "Briefs expiring soonest",
		LinkAll:       "All sessions",
		PolicyWarning: "Redis may delete any key when memory runs out (maxmemory-policy %s): briefs and indexes can silently disappear. Set it to noeviction.",

		AuditTitle:      "Recent admin actions",
		AuditBriefTitle: "Admin actions on this brief",
		AuditEmpty:      "No admin action recorded yet.",
		AuditWhen:       "When",
		AuditWho:        "Who",
		AuditWhat:       "Action",
		AuditTarget:     "Target",
		AuditDetail:     "Detail",
		ActionExtend:    "Extended retention",
		ActionDelete:    "Deleted a brief",
		ActionRerun:     "Re-ran a section",
		ActionGrant:     "Granted admin role",
		ActionRevoke:    "Revoked admin role",

		SessionsTitle:  "Sessions",
		SessionsLead:   "Every stored brief, across all accounts.",
		FilterLegend:   "Filter sessions",
		FilterOwner:    "Owner email",
		FilterSector:   "Sector",
		FilterStatus:   "Status",
		FilterAny:      "Any",
		FilterFrom:     "Created from",
		FilterTo:       "Created until",
		FilterSort:     "Sort by",
		FilterOrder:    "Order",
		SortCreated:    "Creation date",
		SortExpiry:     "Expiry",
		OrderDesc:      "Descending",
		OrderAsc:       "Ascending",
		FilterApply:    "Apply filters",
		FilterClear:    "Clear filters",
		BadDate:        "Enter a date such as 2026-03-31.",
		BadRange:       "This date is before the start date.",
		BadChoice:      "Choose one of the options.",
		NoSuchOwner:    "No account has this email address.",
		TableCaption:   "Briefs matching the filters",
		ColID:          "ID",
		ColOwner:       "Owner",
		ColBusiness:    "Business",
		ColSector:      "Sector",
		ColSections:    "Sections",
		ColCreated:     "Created",
		ColExpires:     "Expires",
		ColStored:      "Stored",
		ColVersions:    "Versions",
		NoMatch:        "No brief matches these filters.",
		OnThisPage:     "%d briefs on this page.",
		OnThisPageOne:  "%d brief on this page.",
		NextPage:       "Next page",
		FirstPage:      "First page",
		UnknownOwner:   "unknown account",
		Loading:        "Updating…",
		ScrollHint:     "Scroll sideways to see every column.",
		NoticeDeleted:  "The brief was deleted.",
		NoticeExtended: "The brief is kept until %s.",
		NoticeRerun:    "The section is being generated again.",
		NoticeRole:     "The role was changed.",

		SessionLead:     "Brief %s",
		DetailsLabel:    "Details",
		FieldOwner:      "Owner",
		FieldStatus:     "Status",
		FieldPlace:      "Sector and place",
		FieldLanguage:   "Language",
		FieldCreated:    "Created",
		FieldExpires:    "Expires",
		FieldStored:     "Stored size (current files)",
		FieldHistory:    "Stored size (previous versions)",
		FieldVersions:   "File writes",
		SectionsTitle:   "Sections",
		ColSection:      "Section",
		ColStatus:       "Status",
		ColSince:        "Since",
		ColError:        "Error",
		Rerun:           "Re-run",
		RerunLabel:      "Re-run %s",
		ActionsTitle:    "Actions",
		KeepFor:         "Keep for",
		Days:            "%d days",
		Extend:          "Extend",
		DeleteOpen:      "Delete brief",
		DeleteConfirm:   "Delete this brief, its files and every previous version? This cannot be undone.",
		DeleteButton:    "Yes, delete it",
		FilesTitle:      "Files",
		FileInput:       "What the owner typed",
		FileMeta:        "About the brief",
		FileVersion:     "Version %d",
		FileSizes:       "%s stored, %s uncompressed",
		FileWritten:     "Written %s",
		Previous:        "Previous versions (%d)",
		NoPrevious:      "No previous version.",
		NotJSON:         "Not JSON: shown as stored text.",
		BackToSessions:  "All sessions",
		ViewOwnerBriefs: "This owner’s briefs",

		UsersTitle:   "Users",
		UsersLead:    "Every account, with its role and how many briefs it keeps.",
		UsersCaption: "Accounts, newest first",
		ColEmail:     "Email",
		ColName:      "Name",
		ColRole:      "Role",
		ColBriefs:    "Briefs",
		ColJoined:    "Created",
		ColAction:    "Change role",
		RoleAdmin:    "Admin",
		RoleOwner:    "Owner",
		Grant:        "Make admin",
		Revoke:       "Remove admin",
		GrantLabel:   "Make %s an admin",
		RevokeLabel:  "Remove the admin role from %s",
		You:          "This is you",
		NoUsers:      "No account yet.",
		MoreUsers:    "More accounts",

		RedisTitle:     "Redis",
		RedisLead:      "The server that stores every brief, and how Genesis uses it.",
		ServerLabel:    "Server",
		Mode:           "Mode",
		ModeStandalone: "Standalone",
		ModeCluster:    "Cluster",
		ModeSentinel:   "Sentinel",
		Version:        "Version",
		Masters:        "Masters",
		Memory:         "Memory used",
		MemoryOf:       "%s of %s",
		NoLimit:        "%s (no maxmemory limit)",
		Policy:         "Eviction policy",
		PolicySafe:     "Briefs are never evicted under this policy.",
		Evicted:        "Evicted keys",
		Expired:        "Expired keys",
		AOF:            "Append-only file",
		AOFOn:          "On",
		AOFOff:         "Off",
		AOFRewrite:     "last rewrite: %s",
		AOFWriteFailed: "the last write failed",
		Clients:        "Connected clients",
		OpsPerSec:      "Operations per second",
		KeysTitle:      "Keys per database",
		ColDatabase:    "Database",
		ColKeys:        "Keys",
		NoKeys:         "No keys.",
		DailyTitle:     "Briefs created per day, last 30 days",
		DailyNote:      "Counts the briefs still stored: expired and deleted briefs are gone.",
		DailyBar:       "%s: %d briefs",
		DailyBarOne:    "%s: %d brief",
		ColDay:         "Day",
		ColCount:       "Briefs created",
		LatencyTitle:   "Generation time per agent",
		LatencyNote:    "Mean (bar) and 95th percentile (mark) of the runs on this instance since it started.",
		LatencyBar:     "%s: mean %s, 95th percentile %s, %d runs",
		LatencyBarOne:  "%s: mean %s, 95th percentile %s, %d run",
		LatencyValue:   "%s · p95 %s",
		NoRuns:         "No agent has run on this instance since it started.",
		ColAgent:       "Agent",
		ColMean:        "Mean",
		ColP95:         "95th percentile",
		ColRuns:        "Runs",
		ChartData:      "Chart data",
		Milliseconds:   "%s ms",
		ByteUnits:      []string{"B", "KB", "MB", "GB", "TB"},
		ShortMonths:    []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	}
}

func adminFR() AdminText {
	return AdminText{
		Title:         "Administration",
		NavLabel:      "Rubriques d’administration",
		NavOverview:   "Vue d’ensemble",
		NavSessions:   "Sessions",
		NavUsers:      "Utilisateurs",
		NavRedis:      "Redis",
		NavMetrics:    "Métriques (Prometheus)",
		OverviewTitle: "Administration : vue d’ensemble",
		OverviewLead:  "Ce que Genesis stocke, qui l’utilise et ce que les administrateurs ont fait récemment.",
		StatBriefs:    "Dossiers stockés",
		StatStored:    "Taille stockée",
		StatUsers:     "Comptes",
		StatsLabel:    "Chiffres",
		Shortcuts:     "Raccourcis",
		LinkFailed:    "Dossiers à vérifier",
		LinkExpiring:  "Dossiers qui expirent bientôt",
		LinkAll:       "Toutes les sessions",
		PolicyWarning: "Redis peut supprimer n’importe quelle clé quand la mémoire manque (maxmemory-policy %s) : des dossiers et des index peuvent disparaître sans bruit. Réglez-la sur noeviction.",

		AuditTitle:      "Actions récentes des administrateurs",
		AuditBriefTitle: "Actions des administrateurs sur ce dossier",
		AuditEmpty:      "Aucune action d’administration enregistrée pour l’instant.",
		AuditWhen:       "Quand",
		AuditWho:        "Qui",
		AuditWhat:       "Action",
		AuditTarget:     "Cible",
		AuditDetail:     "Détail",
		ActionExtend:    "Conservation prolongée",
		ActionDelete:    "Dossier supprimé",
		ActionRerun:     "Section relancée",
		ActionGrant:     "Rôle d’administrateur accordé",
		ActionRevoke:    "Rôle d’administrateur retiré",

		SessionsTitle:  "Sessions",
		SessionsLead:   "Tous les dossiers stockés, tous comptes confondus.",
		FilterLegend:   "Filtrer les sessions",
		FilterOwner:    "E-mail du propriétaire",
		FilterSector:   "Secteur",
		FilterStatus:   "Statut",
		FilterAny:      "Tous",
		FilterFrom:     "Créés à partir du",
		FilterTo:       "Créés jusqu’au",
		FilterSort:     "Trier par",
		FilterOrder:    "Ordre",
		SortCreated:    "Date de création",
		SortExpiry:     "Expiration",
		OrderDesc:      "Décroissant",
		OrderAsc:       "Croissant",
		FilterApply:    "Appliquer les filtres",
		FilterClear:    "Effacer les filtres",
		BadDate:        "Saisissez une date comme 2026-03-31.",
		BadRange:       "Cette date précède la date de début.",
		BadChoice:      "Choisissez l’une des options.",
		NoSuchOwner:    "Aucun compte n’a cette adresse e-mail.",
		TableCaption:   "Dossiers correspondant aux filtres",
		ColID:          "Identifiant",
		ColOwner:       "Propriétaire",
		ColBusiness:    "Entreprise",
		ColSector:      "Secteur",
		ColSections:    "Sections",
		ColCreated:     "Créé le",
		ColExpires:     "Expire",
		ColStored:      "Stocké",
		ColVersions:    "Versions",
		NoMatch:        "Aucun dossier ne correspond à ces filtres.",
		OnThisPage:     "%d dossiers sur cette page.",
		OnThisPageOne:  "%d dossier sur cette page.",
		NextPage:       "Page suivante",
		FirstPage:      "Première page",
		UnknownOwner:   "compte inconnu",
		Loading:        "Mise à jour…",
		ScrollHint:     "Faites défiler horizontalement pour voir toutes les colonnes.",
		NoticeDeleted:  "Le dossier a été supprimé.",
		NoticeExtended: "Le dossier est conservé jusqu’au %s.",
		NoticeRerun:    "La section est en cours de régénération.",
		NoticeRole:     "Le rôle a été modifié.",

		SessionLead:     "Dossier %s",
		DetailsLabel:    "Détails",
		FieldOwner:      "Propriétaire",
		FieldStatus:     "Statut",
		FieldPlace:      "Secteur et lieu",
		FieldLanguage:   "Langue",
		FieldCreated:    "Créé le",
		FieldExpires:    "Expire",
		FieldStored:     "Taille stockée (fichiers actuels)",
		FieldHistory:    "Taille stockée (versions précédentes)",
		FieldVersions:   "Écritures de fichiers",
		SectionsTitle:   "Sections",
		ColSection:      "Section",
		ColStatus:       "Statut",
		ColSince:        "Depuis",
		ColError:        "Erreur",
		Rerun:           "Relancer",
		RerunLabel:      "Relancer %s",
		ActionsTitle:    "Actions",
		KeepFor:         "Conserver pendant",
		Days:            "%d jours",
		Extend:          "Prolonger",
		DeleteOpen:      "Supprimer le dossier",
		DeleteConfirm:   "Supprimer ce dossier, ses fichiers et toutes leurs versions précédentes ? C’est définitif.",
		DeleteButton:    "Oui, supprimer",
		FilesTitle:      "Fichiers",
		FileInput:       "Ce que le propriétaire a saisi",
		FileMeta:        "À propos du dossier",
		FileVersion:     "Version %d",
		FileSizes:       "%s stockés, %s décompressés",
		FileWritten:     "Écrit le %s",
		Previous:        "Versions précédentes (%d)",
		NoPrevious:      "Aucune version précédente.",
		NotJSON:         "Pas du JSON : affiché tel que stocké.",
		BackToSessions:  "Toutes les sessions",
		ViewOwnerBriefs: "Dossiers de ce propriétaire",

		UsersTitle:   "Utilisateurs",
		UsersLead:    "Tous les comptes, avec leur rôle et le nombre de dossiers conservés.",
		UsersCaption: "Comptes, du plus récent au plus ancien",
		ColEmail:     "E-mail",
		ColName:      "Nom",
		ColRole:      "Rôle",
		ColBriefs:    "Dossiers",
		ColJoined:    "Créé le",
		ColAction:    "Changer le rôle",
		RoleAdmin:    "Administrateur",
		RoleOwner:    "Propriétaire",
		Grant:        "Nommer administrateur",
		Revoke:       "Retirer l’administration",
		GrantLabel:   "Nommer %s administrateur",
		RevokeLabel:  "Retirer le rôle d’administrateur à %s",
		You:          "C’est vous",
		NoUsers:      "Aucun compte pour l’instant.",
		MoreUsers:    "Comptes suivants",

		RedisTitle:     "Redis",
		RedisLead:      "Le serveur qui stocke tous les dossiers, et l’usage qu’en fait Genesis.",
		ServerLabel:    "Serveur",
		Mode:           "Mode",
		ModeStandalone: "Autonome",
		ModeCluster:    "Cluster",
		ModeSentinel:   "Sentinel",
		Version:        "Version",
		Masters:        "Maîtres",
		Memory:         "Mémoire utilisée",
		MemoryOf:       "%s sur %s",
		NoLimit:        "%s (sans limite maxmemory)",
		Policy:         "Politique d’éviction",
		PolicySafe:     "Avec cette politique, aucun dossier n’est évincé.",
		Evicted:        "Clés évincées",
		Expired:        "Clés expirées",
		AOF:            "Fichier AOF",
		AOFOn:          "Activé",
		AOFOff:         "Désactivé",
		AOFRewrite:     "dernière réécriture : %s",
		AOFWriteFailed: "la dernière écriture a échoué",
		Clients:        "Clients connectés",
		OpsPerSec:      "Opérations par seconde",
		KeysTitle:      "Clés par base",
		ColDatabase:    "Base",
		ColKeys:        "Clés",
		NoKeys:         "Aucune clé.",
		DailyTitle:     "Dossiers créés par jour, 30 derniers jours",
		DailyNote:      "Compte les dossiers encore stockés : ceux qui ont expiré ou ont été supprimés n’y sont plus.",
		DailyBar:       "%s : %d dossiers",
		DailyBarOne:    "%s : %d dossier",
		ColDay:         "Jour",
		ColCount:       "Dossiers créés",
		LatencyTitle:   "Durée de génération par agent",
		LatencyNote:    "Moyenne (barre) et 95e centile (repère) des exécutions sur cette instance depuis son démarrage.",
		LatencyBar:     "%s : moyenne %s, 95e centile %s, %d exécutions",
		LatencyBarOne:  "%s : moyenne %s, 95e centile %s, %d exécution",
		LatencyValue:   "%s · p95 %s",
		NoRuns:         "Aucun agent n’a tourné sur cette instance depuis son démarrage.",
		ColAgent:       "Agent",
		ColMean:        "Moyenne",
		ColP95:         "95e centile",
		ColRuns:        "Exécutions",
		ChartData:      "Données du graphique",
		Milliseconds:   "%s ms",
		ByteUnits:      []string{"o", "Ko", "Mo", "Go", "To"},
		ShortMonths:    []string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
	}
}

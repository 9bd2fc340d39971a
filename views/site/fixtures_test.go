package site

import (
	"genesis/agents"
)

// The fixtures are written by hand, as the agents would write them, so these tests do not depend
// on the agents' output.

const fixtureLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 120" width="240" height="120" role="img">
<title>Mama Titi's Bakery</title>
<circle fill="#b5542d" cx="60" cy="60" r="52"/>
<path fill="#fff8ec" d="M36 72c0-18 10-32 24-32s24 14 24 32z"/>
<path fill="#3b2a20" d="M128 40h12v40h-12zM150 40h30v10h-18v6h16v10h-16v14h-12z"/>
</svg>`

const fixtureLogoFR = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120" role="img">
<title>Salon Awa Coiffure</title>
<rect fill="#6b2d5c" width="120" height="120" rx="18"/>
<path fill="#f7e9f2" d="M30 90L60 24l30 66h-14l-16-38-16 38z"/>
</svg>`

// englishBrief is a bakery in Lagos.
func englishBrief(templateID string) Brief {
	return Brief{
		Input: agents.Input{
			BusinessName:     "Mama Titi's Bakery",
			Sector:           "bakery",
			Location:         agents.Location{City: "Lagos", Country: "Nigeria", Region: "Lagos State"},
			Vision:           "Every family in Yaba starts the day with fresh bread.",
			Mission:          "We bake honest bread and cakes every morning, with local flour and fair prices.",
			TargetAudience:   "Families and office workers in Yaba and Surulere",
			Differentiation:  "Baked before dawn, delivered warm by 7 am",
			ValueProposition: "Fresh bread at your door before work",
			Services:         []string{"Daily bread", "Celebration cakes", "Office breakfast delivery"},
			Language:         agents.English,
			Tone:             "warm",
		},
		Content: agents.ContentGenerationResult{
			Homepage: agents.Homepage{
				Hero: agents.Hero{
					Title:        "Fresh bread in Yaba, warm by 7 am",
					Subtitle:     "Family recipes, local flour and an oven that starts before dawn.",
					Paragraph:    "Since 2012 we have baked agege bread, meat pies and birthday cakes for the families of Yaba. Order by WhatsApp the evening before and breakfast comes to you.",
					PrimaryCTA:   "Order for tomorrow",
					SecondaryCTA: "See what we bake",
				},
				ValueProposition: agents.HomepageValueProp{
					MainValue:   "Bread that is still warm when you open the bag.",
					Benefits:    []string{"Baked every morning before 5 am", "Delivered in Yaba and Surulere by 7 am", "Cakes made to order in 48 hours", "Fair prices, paid on delivery or by transfer"},
					WhyChooseUs: "We are a family bakery: we know our customers by name and bake what they ask for.",
				},
				ServicesTeaser: "From the morning loaf to the wedding cake, everything is baked here in Yaba.",
			},
			About: agents.About{
				Story:           "Mama Titi started baking in her kitchen in 2012, selling agege bread to neighbours.\nToday the bakery has six bakers and two delivery riders, and the recipes are still hers.",
				Values:          []string{"Freshness", "Honest prices", "Neighbourliness"},
				TeamIntro:       "Six bakers and two riders, most of them from Yaba, led by Mama Titi and her son Dayo.",
				CommunityImpact: "Every Friday we give unsold bread to the children's home on Herbert Macaulay Way.",
				CallToAction:    "Come and taste the difference",
			},
			Services: agents.ServicesPage{
				Intro: "Three things we do every day, and do well.",
				Services: []agents.ServiceCopy{
					{Name: "Daily bread", Description: "Agege bread, wholemeal loaves and buns, baked every morning.", Benefits: []string{"Baked before 5 am", "No preservatives"}, PricingInfo: "From ₦800 a loaf", CTA: "Order bread"},
					{Name: "Celebration cakes", Description: "Birthday, wedding and naming-ceremony cakes, decorated to your wishes.", Benefits: []string{"Ready in 48 hours", "Tasting before weddings"}, PricingInfo: "From ₦15,000", CTA: "Order a cake"},
					{Name: "Office breakfast delivery", Description: "Bread, pies and juice for your team, delivered before 8 am.", Benefits: []string{"Weekly invoice", "Menu changes every week"}, PricingInfo: "₦2,500 per person", CTA: "Ask for a quote"},
				},
			},
			Contact: agents.Contact{
				Headline:     "Order for tomorrow morning",
				Message:      "Send us your order before 8 pm and it will be at your door by 7 am.",
				Address:      "14 Herbert Macaulay Way\nYaba, Lagos",
				Hours:        "Monday to Saturday, 5 am to 8 pm",
				Channels:     []string{"Phone: +234 803 555 0142", "WhatsApp: +234 803 555 0142", "Email: orders@mamatitis.example", "Instagram: @mamatitisbakery"},
				CallToAction: "Order your bread for tomorrow",
			},
			LanguagesGenerated: []agents.Language{agents.English},
		},
		Logo: agents.LogoCreationResult{
			PrimaryLogo: agents.Logo{Concept: "emblem", SVG: fixtureLogo},
			ColorPalette: []agents.PaletteColor{
				{Hex: "#b5542d", Role: "primary"},
				{Hex: "#e0a458", Role: "secondary"},
				{Hex: "#5c7a3a", Role: "accent"},
				{Hex: "#3b2a20", Role: "neutral-dark"},
				{Hex: "#fff8ec", Role: "neutral-light"},
			},
		},
		SEO: agents.SEOOptimizationResult{
			PrimaryKeywords: []agents.Keyword{{Keyword: "bakery in Yaba", Score: 0.9}},
			MetaTitle:       "Mama Titi's Bakery – fresh bread in Yaba, Lagos",
			MetaDescription: "Family bakery in Yaba, Lagos: agege bread, celebration cakes and office breakfasts, baked before dawn and delivered by 7 am.",
			HeadingStructure: agents.HeadingStructure{
				H1:         "Family bakery in Yaba, Lagos",
				H2Sections: []string{"Our bakery services in Lagos", "About Mama Titi's Bakery", "Why choose us", "Contact us"},
			},
			StructuredData: `{"@context":"https://schema.org","@type":"Bakery","name":"Mama Titi's Bakery","address":{"@type":"PostalAddress","streetAddress":"14 Herbert Macaulay Way","addressLocality":"Lagos","addressCountry":"NG"},"telephone":"+234 803 555 0142"}`,
		},
		Template: agents.TemplateSelectionResult{
			PrimaryTemplate: agents.TemplateChoice{ID: templateID, Name: templateID},
			Customizations: agents.Customizations{
				Colors: agents.TemplateColors{Primary: "#b5542d", Secondary: "#e0a458", Accent: "#5c7a3a", Background: "#fff8ec", Text: "#3b2a20"},
				Fonts:  agents.TemplateFonts{Heading: "Georgia, 'Times New Roman', serif", Body: "system-ui, -apple-system, 'Segoe UI', sans-serif"},
			},
		},
		Year: 2026,
	}
}

// frenchBrief is a hair salon in Dakar.
func frenchBrief(templateID string) Brief {
	return Brief{
		Input: agents.Input{
			BusinessName:     "Salon Awa Coiffure",
			Sector:           "coiffure",
			Location:         agents.Location{City: "Dakar", Country: "Sénégal", Region: "Dakar"},
			Vision:           "Que chaque femme de Dakar sorte du salon fière de sa coiffure.",
			Mission:          "Tresser, coiffer et conseiller avec soin, à des prix justes.",
			TargetAudience:   "Femmes actives de Mermoz, Sacré-Cœur et Ouakam",
			Differentiation:  "Rendez-vous à l'heure, produits naturels",
			ValueProposition: "Des tresses soignées sans attendre",
			Services:         []string{"Tresses", "Soins capillaires", "Coiffure de mariage"},
			Language:         agents.French,
			Tone:             "chaleureux",
		},
		Content: agents.ContentGenerationResult{
			Homepage: agents.Homepage{
				Hero: agents.Hero{
					Title:        "Vos tresses à Mermoz, à l’heure dite",
					Subtitle:     "Tresses, soins et coiffures de fête, avec des produits naturels et sans attente.",
					Paragraph:    "Depuis 2015, Awa et son équipe accueillent les femmes de Mermoz et Sacré-Cœur. Réservez votre créneau et nous vous recevons à l’heure.",
					PrimaryCTA:   "Réserver un créneau",
					SecondaryCTA: "Voir nos prestations",
				},
				ValueProposition: agents.HomepageValueProp{
					MainValue:   "Une coiffure soignée, sans passer l’après-midi au salon.",
					Benefits:    []string{"Rendez-vous tenus à l’heure", "Produits naturels au karité", "Conseils adaptés à vos cheveux"},
					WhyChooseUs: "Nous connaissons les cheveux de nos clientes et prenons le temps de les conseiller.",
				},
				ServicesTeaser: "Des tresses du quotidien aux coiffures de mariage, tout se fait au salon.",
			},
			About: agents.About{
				Story:           "Awa a ouvert le salon en 2015 dans une petite pièce de Mermoz.\nAujourd’hui, quatre coiffeuses l’accompagnent et le salon reçoit plus de trente clientes par jour.",
				Values:          []string{"Ponctualité", "Soin", "Transmission"},
				TeamIntro:       "Quatre coiffeuses formées au salon, dont deux anciennes apprenties d’Awa.",
				CommunityImpact: "Chaque année, nous formons gratuitement trois jeunes filles du quartier au métier de coiffeuse.",
				CallToAction:    "Prenez rendez-vous dès aujourd’hui",
			},
			Services: agents.ServicesPage{
				Intro: "Nos prestations, de la plus simple à la plus élaborée.",
				Services: []agents.ServiceCopy{
					{Name: "Tresses", Description: "Nattes collées, box braids et vanilles, réalisées avec soin.", Benefits: []string{"Tenue de six semaines", "Mèches de qualité"}, PricingInfo: "À partir de 10 000 FCFA", CTA: "Réserver des tresses"},
					{Name: "Soins capillaires", Description: "Bain d’huile, masque au karité et démêlage en douceur.", Benefits: []string{"Produits naturels", "Diagnostic offert"}, PricingInfo: "5 000 FCFA", CTA: "Réserver un soin"},
					{Name: "Coiffure de mariage", Description: "Essai, coiffure du jour J et retouches pour la mariée et ses proches.", Benefits: []string{"Essai inclus", "Déplacement possible"}, PricingInfo: "Sur devis", CTA: "Demander un devis"},
				},
			},
			Contact: agents.Contact{
				Headline:     "Réservez votre créneau",
				Message:      "Appelez-nous ou écrivez-nous sur WhatsApp : nous confirmons votre rendez-vous dans l’heure.",
				Address:      "Rue MZ-12, Mermoz\nDakar",
				Hours:        "Du mardi au samedi, de 9 h à 20 h",
				Channels:     []string{"Téléphone : +221 77 555 01 42", "WhatsApp : +221 77 555 01 42", "Courriel : bonjour@salonawa.example"},
				CallToAction: "Prenez rendez-vous",
			},
			LanguagesGenerated: []agents.Language{agents.French},
		},
		Logo: agents.LogoCreationResult{
			PrimaryLogo: agents.Logo{Concept: "monogram", SVG: fixtureLogoFR},
			ColorPalette: []agents.PaletteColor{
				{Hex: "#6b2d5c", Role: "primary"},
				{Hex: "#d4a5c3", Role: "secondary"},
				{Hex: "#c9a227", Role: "accent"},
				{Hex: "#2a1f27", Role: "neutral-dark"},
				{Hex: "#fbf5f9", Role: "neutral-light"},
			},
		},
		SEO: agents.SEOOptimizationResult{
			MetaTitle:       "Salon Awa Coiffure – tresses et soins à Dakar",
			MetaDescription: "Salon de coiffure à Mermoz, Dakar : tresses, soins capillaires naturels et coiffures de mariage, sur rendez-vous et sans attente.",
			HeadingStructure: agents.HeadingStructure{
				H1:         "Salon de coiffure à Dakar",
				H2Sections: []string{"Nos prestations de coiffure", "Pourquoi nous choisir", "À propos du salon", "Nos tarifs", "Nous trouver à Mermoz"},
			},
			StructuredData: `{"@context":"https://schema.org","@type":"HairSalon","name":"Salon Awa Coiffure","address":{"@type":"PostalAddress","addressLocality":"Dakar","addressCountry":"SN"}}`,
		},
		Template: agents.TemplateSelectionResult{
			PrimaryTemplate: agents.TemplateChoice{ID: templateID},
			Customizations: agents.Customizations{
				Colors:       agents.TemplateColors{Primary: "#6b2d5c", Secondary: "#d4a5c3", Accent: "#c9a227", Background: "#fbf5f9", Text: "#2a1f27"},
				SectionOrder: []string{"hero", "services", "value_proposition", "about", "pricing", "testimonials", "faq", "contact", "map"},
			},
		},
		BaseURL:    "https://salonawa.example/",
		Alternates: []Alternate{{Language: agents.English, URL: "https://salonawa.example/en/"}},
		Year:       2026,
	}
}
